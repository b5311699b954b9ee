"""Citations, as a library: a project's or publication's citation as BibTeX and CSL-JSON (`citations.csl`), from plain
or duck-typed objects. It imports no content app; papers come in through `import_publications` (publications app)."""
