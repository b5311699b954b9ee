"""A content type added by an app alone (tests/extension/seminars) is everywhere a built-in one is.

The seminars app touches no shared module: its models, root field, SEO, search text, affected paths and import
mapping are declared in its own modules. These tests show it in the schema, the listing, `siteSearch`, JSON-LD,
webhook events, cache invalidation and an export/import round trip.
"""

import datetime
import json

import pytest
from django.db import transaction

from core.content import export_dataset, import_dataset
from graphql_api.management.commands.write_graphql_schema import schema_sdl
from webhooks.models import WebhookDelivery, WebhookEndpoint

from .seminars.models import SeminarIndexPage, SeminarPage

LISTING = "{ seminars { items { title speaker date } pagination { total } } }"


@pytest.fixture
def seminars(site_tree):
    index = site_tree["home"].add_child(instance=SeminarIndexPage(title="Seminars", slug="seminars"))
    talk = index.add_child(
        instance=SeminarPage(
            title="Quantum annealing for sparse attention",
            slug="quantum-annealing",
            date=datetime.date(2026, 3, 5),
            speaker="Ada Lovelace",
            abstract="Annealing schedules that find sparse attention masks.",
        )
    )
    draft = index.add_child(
        instance=SeminarPage(
            title="Unannounced",
            slug="unannounced",
            date=datetime.date(2026, 4, 1),
            speaker="Secret Speaker",
            live=False,
        )
    )
    return {"index": index, "talk": talk, "draft": draft}


def test_its_type_and_root_field_are_in_the_schema():
    sdl = schema_sdl()
    assert "type SeminarPage implements PageInterface" in sdl
    assert "type SeminarListing {" in sdl
    assert "\n  seminars(" in sdl


def test_its_listing_shows_public_seminars_only(seminars, graphql):
    data = graphql.query(LISTING)
    assert data["seminars"] == {
        "items": [{"title": "Quantum annealing for sparse attention", "speaker": "Ada Lovelace", "date": "2026-03-05"}],
        "pagination": {"total": 1},
    }


def test_site_search_finds_it_by_its_own_search_text(seminars, graphql):
    data = graphql.query('{ siteSearch(query: "Lovelace", type: "SeminarPage") { items { type title url } } }')
    assert data["siteSearch"]["items"] == [
        {
            "type": "SeminarPage",
            "title": "Quantum annealing for sparse attention",
            "url": "/seminars/quantum-annealing/",
        }
    ]
    assert graphql.query('{ siteSearch(query: "Secret") { items { title } } }')["siteSearch"]["items"] == []


def test_its_json_ld_is_the_one_it_declares(seminars, graphql):
    data = graphql.query(
        '{ page(urlPath: "/seminars/quantum-annealing/") { ... on SeminarPage { seo { description jsonLd } } } }'
    )
    seo = data["page"]["seo"]
    assert seo["description"] == "Annealing schedules that find sparse attention masks."
    json_ld = json.loads(seo["jsonLd"])
    assert (json_ld["@type"], json_ld["startDate"]) == ("Event", "2026-03-05")
    assert json_ld["performer"] == {"@type": "Person", "name": "Ada Lovelace"}


def test_publishing_it_is_a_webhook_event_with_its_affected_paths(seminars):
    WebhookEndpoint.objects.create(name="Frontend", url="https://frontend.example/api/revalidate/", secret="s" * 32)
    talk = seminars["talk"]
    talk.speaker = "Grace Hopper"
    talk.save_revision().publish()
    [payload] = [delivery.payload for delivery in WebhookDelivery.objects.all()]
    assert payload["event"] == "page.published"
    assert payload["object"]["type"] == "seminars.SeminarPage"
    assert payload["affected"][:2] == ["/seminars/quantum-annealing/", "/seminars/"]


def test_publishing_it_invalidates_cached_answers(seminars, client):
    def answer():
        response = client.get("/graphql/", {"query": LISTING})
        return response["X-Cache"], response.json()["data"]["seminars"]["items"][0]["speaker"]

    assert answer() == ("MISS", "Ada Lovelace")
    assert answer() == ("HIT", "Ada Lovelace")
    talk = seminars["talk"]
    talk.speaker = "Grace Hopper"
    talk.save_revision().publish()
    assert answer() == ("MISS", "Grace Hopper")


def test_it_survives_an_export_and_import_round_trip(seminars, tmp_path):
    export_dataset(tmp_path / "first")
    exported = (tmp_path / "first" / "seminars.yaml").read_text()
    assert "speaker: Ada Lovelace" in exported
    with transaction.atomic():
        seminars["talk"].delete()
    import_dataset(tmp_path / "first")
    talk = SeminarPage.objects.get(slug="quantum-annealing")
    assert (talk.speaker, talk.date, talk.live) == ("Ada Lovelace", datetime.date(2026, 3, 5), True)
    export_dataset(tmp_path / "second")
    assert (tmp_path / "second" / "seminars.yaml").read_text() == exported
