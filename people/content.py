"""People, honors, competition awards and talks in the content-as-data format (core/content)."""

from core.content.mapping import iso
from core.content.schema import DATE_PRECISION, OPTIONAL_S, OPTIONAL_URL, URL, Field, Kind, S

from .models import (
    CompetitionAward,
    DatePrecision,
    Honor,
    HonorKind,
    PeopleIndexPage,
    PersonLink,
    PersonPage,
    PersonPosition,
    Role,
    Status,
    Talk,
)

INDEXES = [(PeopleIndexPage, "Team", "team")]
BIO_FEATURES = tuple(PersonPage._meta.get_field("bio").features)
POSITION_FIELDS = ("role", "title", "organisation", "start", "end")
TALK_LINKS = {"video": "video_url", "slides": "slides_url", "media": "media_url", "event_page": "event_url"}


def load_person(importer, record, raw):
    def fill(page):
        page.title, page.role, page.status, page.bio = record["name"], record["role"], record["status"], record["bio"]
        page.graduation_year, page.placement = record["graduation_year"], record["placement"]
        page.links = [PersonLink(label=link["label"], url=link["url"]) for link in record["links"]]
        page.orcid, page.scholar_id = record["orcid"], record["scholar_id"]
        page.positions = [PersonPosition(**{name: position[name] for name in POSITION_FIELDS})
                          for position in record["positions"]]  # fmt: skip

    parent = importer.indexes[PeopleIndexPage]
    return importer.upsert_page(PersonPage, parent, record["slug"], record, dump_person, fill)


def dump_person(exporter, page):
    return {
        "slug": page.slug, "name": page.title, "role": page.role, "status": page.status, "bio": page.bio,
        "links": [{"label": link.label, "url": link.url} for link in page.links.all()],
        "graduation_year": page.graduation_year, "placement": page.placement,
        "orcid": page.orcid, "scholar_id": page.scholar_id,
        "positions": [
            {name: iso(getattr(position, name)) for name in POSITION_FIELDS} for position in page.positions.all()
        ],
    }  # fmt: skip


def load_honor(importer, record, raw):
    def fill(honor):
        for name in ("title", "date", "date_precision", "kind", "awarded_by", "note"):
            setattr(honor, name, record[name])
        honor.project = importer.find("projects", record["project"])
        honor.recipients = importer.find_all("people", record["recipients"])

    return importer.upsert(Honor, {"key": record["key"]}, record, dump_honor, fill)


def dump_honor(exporter, honor):
    return {
        "key": honor.key, "title": honor.title, "date": iso(honor.date), "date_precision": honor.date_precision,
        "kind": honor.kind, "recipients": exporter.keys("people", honor.recipients.all()),
        "project": exporter.key("projects", honor.project), "awarded_by": honor.awarded_by, "note": honor.note,
    }  # fmt: skip


def load_competition_award(importer, record, raw):
    def fill(award):
        for name in ("place", "rank", "contest", "track", "venue", "year"):
            setattr(award, name, record[name])
        award.project = importer.find("projects", record["project"])
        award.team = importer.find_all("people", record["team"])

    return importer.upsert(CompetitionAward, {"key": record["key"]}, record, dump_competition_award, fill)


def dump_competition_award(exporter, award):
    return {
        "key": award.key, "place": award.place, "rank": award.rank, "contest": award.contest,
        "track": award.track, "venue": award.venue, "year": award.year,
        "project": exporter.key("projects", award.project), "team": exporter.keys("people", award.team.all()),
    }  # fmt: skip


def load_talk(importer, record, raw):
    def fill(talk):
        talk.speaker = importer.find("people", record["speaker"])
        talk.title, talk.event, talk.date = record["title"], record["event"], record["date"]
        talk.date_precision = record["date_precision"]
        for name, attribute in TALK_LINKS.items():
            setattr(talk, attribute, record["links"][name])

    return importer.upsert(Talk, {"key": record["key"]}, record, dump_talk, fill)


def dump_talk(exporter, talk):
    return {
        "key": talk.key,
        "speaker": exporter.key("people", talk.speaker),
        "title": talk.title,
        "event": talk.event,
        "date": iso(talk.date),
        "date_precision": talk.date_precision,
        "links": {name: getattr(talk, attribute) for name, attribute in TALK_LINKS.items()},
    }


KINDS = {
    "people": Kind(
        "people.yaml", "slug",
        {
            "slug": S, "name": S, "role": Field("enum", choices=tuple(Role.values)),
            "status": Field("enum", choices=tuple(Status.values)), "bio": Field("html", False, features=BIO_FEATURES),
            "links": Field("list", False, fields={"label": S, "url": URL}),
            "graduation_year": Field("int", False, nullable=True), "placement": OPTIONAL_S,
            "orcid": OPTIONAL_S, "scholar_id": OPTIONAL_S,
            # A position's advisor is not in the file: a reference from people to people would import in a circle.
            "positions": Field("list", False, fields={
                "role": Field("enum", choices=("", *Role.values)), "title": OPTIONAL_S,
                "organisation": OPTIONAL_S, "start": Field("date", False, nullable=True),
                "end": Field("date", False, nullable=True)}),
        },
        model=PersonPage, load=load_person, dump=dump_person,
        objects=lambda exporter: PersonPage.objects.order_by("path"),
    ),
    "honors": Kind(
        "honors.yaml", "key",
        {
            "key": S, "title": S, "date": Field("date"),
            "date_precision": Field("enum", choices=tuple(DatePrecision.values)),
            "kind": Field("enum", choices=tuple(HonorKind.values)),
            "recipients": Field("refs", False, target="people"),
            "project": Field("ref", False, target="projects", nullable=True), "awarded_by": OPTIONAL_S,
            "note": OPTIONAL_S,
        },
        model=Honor, load=load_honor, dump=dump_honor,
        objects=lambda exporter: Honor.objects.order_by("-date", "title"),
    ),
    "competition_awards": Kind(
        "competition_awards.yaml", "key",
        {
            "key": S, "place": S, "rank": Field("int", False, nullable=True), "contest": S, "track": OPTIONAL_S,
            "venue": OPTIONAL_S, "year": Field("int"),
            "project": Field("ref", False, target="projects", nullable=True),
            "team": Field("refs", False, target="people"),
        },
        model=CompetitionAward, load=load_competition_award, dump=dump_competition_award,
        objects=lambda exporter: CompetitionAward.objects.all(),
    ),
    "talks": Kind(
        "talks.yaml", "key",
        {
            "key": S, "speaker": Field("ref", target="people", nullable=True), "title": S, "event": S,
            "date": Field("date"), "date_precision": DATE_PRECISION,
            "links": Field("dict", False, fields=dict.fromkeys(TALK_LINKS, OPTIONAL_URL)),
        },
        model=Talk, load=load_talk, dump=dump_talk, objects=lambda exporter: Talk.objects.order_by("-date", "key"),
    ),
}  # fmt: skip
