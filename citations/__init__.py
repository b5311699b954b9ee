"""Citations, as a library: a project's citation as BibTeX and CSL-JSON (`citations.csl`), from plain or duck-typed
objects. It imports no content app; the BibTeX import of projects lives with them, in `research.bibtex_import`."""
