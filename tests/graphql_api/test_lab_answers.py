"""The API's answers to the reference frontend's documents on the lab's dataset, kept byte for byte.

A refactoring must not change what a frontend receives: every operation in frontend/src/graphql is sent for every
public page (its page query, with SEO, JSON-LD, Scholar meta and citations) and every listing, and the answers
are compared with `snapshots/lab_answers.<database>.json`, one file per database because search ranks by each
database's own full-text engine. A deliberate change of the answers regenerates the files:

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/graphql_api/test_lab_answers.py
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/labcms
    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/graphql_api/test_lab_answers.py

Two things are not compared: `venuePhrase`, which says "to appear at" or "appears at" depending on today's date
(news tests cover it), and the values of `id` fields, which depend on the database's sequences (PostgreSQL's are
not rolled back between tests) and on the block ids the importer generates.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import Page

from core.content import import_dataset
from tests.frontend_documents import frontend_operation

SNAPSHOTS = Path(__file__).parent / "snapshots"
LAB = Path(settings.BASE_DIR) / "content" / "lab"
TODAY_DEPENDENT = {"venuePhrase"}
IDENTIFIERS = {"id"}
LISTINGS = [  # every item of each listing (18 posts, 121 news items, 45 projects), in pages the limits accept
    ("SiteChrome", {}),
    ("ResearchAreas", {}),
    ("BlogPostList", {"perPage": 20}),
    *(("NewsItemList", {"perPage": 20, "page": page}) for page in range(1, 8)),
    ("NewsYears", {}),
    *(("ProjectList", {"perPage": 20, "page": page}) for page in range(1, 4)),
    ("ProjectShortNames", {}),
    ("People", {}),
    ("SiteSearch", {"query": "quantization", "perPage": 50}),
]


def comparable(value):
    if isinstance(value, dict):
        return {
            key: "<id>" if key in IDENTIFIERS else comparable(item)
            for key, item in value.items()
            if key not in TODAY_DEPENDENT
        }
    if isinstance(value, list):
        return [comparable(item) for item in value]
    return value


@pytest.fixture
def lab_answers(db, settings, tmp_path, graphql):
    """Every answer, keyed by operation and variables; in a media folder of its own, so file names are stable."""
    settings.MEDIA_ROOT = str(tmp_path)
    import_dataset(LAB)
    answers = {}

    def ask(operation, variables):
        response = graphql.post(frontend_operation(operation), variables)
        assert response.status_code == 200
        assert "errors" not in response.json(), (operation, variables, response.json()["errors"])
        answers[f"{operation} {json.dumps(variables, sort_keys=True)}"] = comparable(response.json())

    for operation, variables in LISTINGS:
        ask(operation, variables)
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        ask(f"{type(page).__name__}Data", {"urlPath": page.get_url_parts()[2]})
    return answers


def test_the_frontends_documents_get_the_same_answers_on_the_lab_dataset(lab_answers):
    snapshot = SNAPSHOTS / f"lab_answers.{connection.vendor}.json"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(json.dumps(lab_answers, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    expected = json.loads(snapshot.read_text())
    assert sorted(lab_answers) == sorted(expected)
    for key, answer in expected.items():
        assert lab_answers[key] == answer, key
