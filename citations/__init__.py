"""Citations: BibTeX import of projects (admin view and `import_bibtex`), and each project's citation as BibTeX and
CSL-JSON (`citations.csl`)."""
