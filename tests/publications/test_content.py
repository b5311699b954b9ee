"""Publications and people's positions in the content-as-data format: imported, exported the same, and re-imported
without a change."""

import yaml

from core.content import export_dataset, import_dataset
from publications.models import PublicationPage
from tests.content.test_bad_input import PERSON, write_dataset

PROJECT = {"slug": "awq", "short_name": "AWQ", "title": "AWQ"}
PUBLICATION = {
    "slug": "awq", "title": "AWQ: Activation-aware Weight Quantization", "venue_short": "MLSys 2024",
    "venue_kind": "conference", "status": "published", "year": 2024, "date": "2024-05-13",
    "authors": [{"person": "ada", "corresponding": True}, {"name": "Ji Lin", "equal_contribution": True}],
    "awards": [{"kind": "best_paper", "label": "Best Paper Award"}],
    "links": [{"kind": "code", "url": "https://github.com/mit-han-lab/llm-awq"}], "projects": ["AWQ"],
}  # fmt: skip
POSITIONS = [{"role": "phd", "organisation": "MIT", "start": "2019-09-01", "end": "2024-05-30"},
             {"role": "", "title": "Assistant professor", "organisation": "UCSD", "start": "2024-07-01"}]  # fmt: skip


def test_publications_and_positions_round_trip(db, tmp_path):
    folder = write_dataset(
        tmp_path / "in", people=[{**PERSON, "orcid": "0000-0002-1825-0097", "positions": POSITIONS}],
        projects=[PROJECT], publications=[PUBLICATION],
    )  # fmt: skip
    import_dataset(folder)
    page = PublicationPage.objects.get(slug="awq")
    assert [(a.person.title if a.person else a.name, a.corresponding) for a in page.authors.all()] == [
        ("Ada", True), ("Ji Lin", False),
    ]  # fmt: skip
    assert page.live and [project.short_name for project in page.projects.all()] == ["AWQ"]
    export_dataset(tmp_path / "out")
    (exported,) = yaml.safe_load((tmp_path / "out" / "publications.yaml").read_text())
    assert exported["awards"] == PUBLICATION["awards"] and exported["date"] == "2024-05-13"
    (person,) = yaml.safe_load((tmp_path / "out" / "people.yaml").read_text())
    assert person["orcid"] == "0000-0002-1825-0097"
    assert [p["organisation"] for p in person["positions"]] == ["MIT", "UCSD"]
    assert person["positions"][1]["end"] is None
    report = import_dataset(tmp_path / "out")
    assert {status for counts in report.values() for status, n in counts.items() if n} <= {"unchanged"}
