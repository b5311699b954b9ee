"""The site's content as portable data: the `labcms-content` format, version 1.

A dataset is a folder of YAML files, one per kind of content (see `content/lab/README.md`), cross-referenced by
natural keys: research areas and people by slug, projects by short name, honors, competition awards and talks by
key, images by key. `read_dataset` checks a whole folder and reports every problem by file, item and field before
anything is written; `import_dataset` then writes it in one transaction, creating, updating or leaving alone each
item; `export_dataset` writes the database back out in the same format.
"""

from .exporter import export_dataset
from .importer import import_dataset
from .schema import FORMAT, VERSION, DatasetError, read_dataset

__all__ = ["FORMAT", "VERSION", "DatasetError", "export_dataset", "import_dataset", "read_dataset"]
