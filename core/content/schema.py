"""Reading and checking a dataset folder, with no database access: a bad file is refused before any write."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.blocks import LINK_KINDS

FORMAT = "labcms-content"
VERSION = 1

ROLES = ("pi", "postdoc", "phd", "masters", "undergrad", "visiting", "staff")
NEWS_KINDS = ("paper", "award", "talk", "blog", "announcement", "release")
NEWS_LINK_LABELS = ("Paper", "Code", "Video", "Slides", "Media", "Event", "Demo")
ANNOUNCEMENT_TYPES = ("honor", "competition_award", "talk", "project", "blog_post")


class DatasetError(Exception):
    """Every problem found in a dataset, each naming its file, item and field."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Field:
    kind: str  # str, text, int, date, bool, list, dict, stream, enum, ref, refs
    required: bool = True
    choices: tuple = ()
    target: str = ""  # for ref/refs: the kind referred to
    nullable: bool = False


@dataclass
class Kind:
    file: str
    key: str | None
    fields: dict = field(default_factory=dict)


S = Field("str")
OPTIONAL_S = Field("str", required=False)

KINDS = {
    "images": Kind("images.yaml", "key", {"key": S, "title": S, "alt": OPTIONAL_S, "color": OPTIONAL_S,
                                          "file": OPTIONAL_S}),
    "research_areas": Kind("research_areas.yaml", "slug", {"slug": S, "title": S, "summary": S,
                                                           "body": Field("stream", required=False)}),
    "people": Kind("people.yaml", "slug", {
        "slug": S, "name": S, "role": Field("enum", choices=ROLES),
        "status": Field("enum", choices=("current", "alumni")), "bio": OPTIONAL_S, "links": Field("list", False),
        "graduation_year": Field("int", False, nullable=True), "placement": OPTIONAL_S,
    }),
    "projects": Kind("projects.yaml", "short_name", {
        "slug": S, "short_name": S, "title": S, "summary": OPTIONAL_S, "authors": Field("list", False),
        "affiliations": OPTIONAL_S, "venue": OPTIONAL_S, "year": Field("int", False, nullable=True),
        "links": Field("list", False), "github_repo": OPTIONAL_S, "github_stars": Field("int", False, nullable=True),
        "bibtex": OPTIONAL_S, "research_areas": Field("refs", False, target="research_areas"),
        "body": Field("stream", required=False),
    }),
    "honors": Kind("honors.yaml", "key", {
        "key": S, "title": S, "date": Field("date"), "date_precision": Field("enum", choices=("year", "month", "day")),
        "kind": Field("enum", choices=("personal", "paper_award", "fellowship", "other")),
        "recipients": Field("refs", False, target="people"),
        "project": Field("ref", False, target="projects", nullable=True), "awarded_by": OPTIONAL_S,
        "note": OPTIONAL_S,
    }),
    "competition_awards": Kind("competition_awards.yaml", "key", {
        "key": S, "place": S, "rank": Field("int", False, nullable=True), "contest": S, "track": OPTIONAL_S,
        "venue": OPTIONAL_S, "year": Field("int"), "project": Field("ref", False, target="projects", nullable=True),
        "team": Field("refs", False, target="people"),
    }),
    "talks": Kind("talks.yaml", "key", {
        "key": S, "speaker": Field("ref", target="people", nullable=True), "title": S, "event": S,
        "date": Field("date"), "links": Field("dict", False),
    }),
    "industry_partners": Kind("industry_partners.yaml", None, {"name": S, "products": OPTIONAL_S, "url": OPTIONAL_S}),
    "courses": Kind("courses.yaml", "code", {
        "code": S, "name": S, "url": OPTIONAL_S, "term": OPTIONAL_S, "time": OPTIONAL_S, "location": OPTIONAL_S,
        "notice": OPTIONAL_S,
    }),
    "blog_posts": Kind("blog_posts.yaml", "slug", {
        "slug": S, "title": S, "date": Field("date"), "authors": Field("list", False), "summary": S,
        "tags": Field("list", False), "research_areas": Field("refs", False, target="research_areas"),
        "projects": Field("refs", False, target="projects"), "body": Field("stream"),
    }),
    "news": Kind("news.yaml", "key", {
        "key": S, "date": Field("date"), "title": S, "kind": Field("enum", choices=NEWS_KINDS), "body": OPTIONAL_S,
        "venue": OPTIONAL_S, "projects": Field("refs", False, target="projects"), "links": Field("list", False),
        "announces": Field("dict", False, nullable=True),
    }),
}  # fmt: skip

SITE_HOME_FIELDS = ("title", "lab_name", "tagline", "profile_name", "profile_title", "about")
SITE_SETTINGS_FIELDS = ("contact_email", "office", "recruiting_text", "recruiting_form_url", "phd_applicants_note")


@dataclass
class Dataset:
    site: dict
    items: dict  # kind name -> list of records


def read_dataset(folder):
    """Load and check every file of a dataset; raise DatasetError listing all problems."""
    folder = Path(folder)
    problems = []
    manifest = _load(folder / "manifest.yaml", problems, expect=dict)
    if manifest is not None and (manifest.get("format"), manifest.get("version")) != (FORMAT, VERSION):
        problems.append(
            f"manifest.yaml: format {manifest.get('format')!r} version {manifest.get('version')!r} is not "
            f"{FORMAT!r} version {VERSION}."
        )
    site = _load(folder / "site.yaml", problems, expect=dict) or {}
    items = {}
    for name, kind in KINDS.items():
        records = _load(folder / kind.file, problems, expect=list)
        items[name] = records if records is not None else []
    if problems:
        raise DatasetError(problems)
    for name, kind in KINDS.items():
        _check_records(name, kind, items[name], problems)
    keys = {name: {record.get(kind.key) for record in items[name]} for name, kind in KINDS.items() if kind.key}
    for name, kind in KINDS.items():
        _check_references(name, kind, items[name], keys, problems)
    _check_site(site, keys, problems)
    _check_image_references(items, keys["images"], problems)
    if problems:
        raise DatasetError(problems)
    return Dataset(site=site, items=items)


def _load(path, problems, expect):
    if not path.exists():
        problems.append(f"{path.name}: the file is missing.")
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problems.append(f"{path.name}: not valid YAML: {error}")
        return None
    if data is None:
        data = expect()
    if not isinstance(data, expect):
        problems.append(f"{path.name}: expected a {'list' if expect is list else 'mapping'} at the top level.")
        return None
    return data


def _label(kind, record, index):
    key = record.get(kind.key) if kind.key and isinstance(record, dict) else None
    return f"{kind.file} item {key!r}" if key else f"{kind.file} item {index + 1}"


def _check_records(name, kind, records, problems):
    seen = set()
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            problems.append(f"{kind.file} item {index + 1}: expected a mapping.")
            continue
        label = _label(kind, record, index)
        unknown = set(record) - set(kind.fields)
        if unknown:
            problems.append(f"{label}: unknown field(s) {', '.join(sorted(unknown))}.")
        for field_name, spec in kind.fields.items():
            problem = _check_value(record.get(field_name, _MISSING), spec)
            if problem:
                problems.append(f"{label}: field {field_name!r} {problem}")
        if kind.key:
            if record.get(kind.key) in seen:
                problems.append(f"{label}: {kind.key} {record.get(kind.key)!r} appears more than once.")
            seen.add(record.get(kind.key))
        _check_nested(name, record, label, problems)


_MISSING = object()


def _check_value(value, spec):
    if value is _MISSING:
        return "is required." if spec.required else None
    if value is None:
        return None if (spec.nullable or not spec.required) else "must not be empty."
    checks = {
        "str": lambda v: isinstance(v, str) and (v.strip() or not spec.required),
        "text": lambda v: isinstance(v, str),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "list": lambda v: isinstance(v, list),
        "dict": lambda v: isinstance(v, dict),
        "stream": lambda v: isinstance(v, list) and all(isinstance(b, dict) and "type" in b for b in v),
        "refs": lambda v: isinstance(v, list),
        "ref": lambda v: isinstance(v, str),
        "enum": lambda v: v in spec.choices,
        "date": _is_date,
    }
    if checks[spec.kind](value):
        return None
    if spec.kind == "enum":
        return f"is {value!r}; use one of: {', '.join(spec.choices)}."
    if spec.kind == "date":
        return f"is {value!r}; use a date written YYYY-MM-DD."
    if spec.kind == "stream":
        return "must be a list of blocks, each with a `type` and a `value`."
    return f"must be {'a non-empty ' if spec.required and spec.kind == 'str' else 'a '}{spec.kind}; got {value!r}."


def _is_date(value):
    if isinstance(value, datetime.date):
        return True
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _check_nested(name, record, label, problems):
    link_kinds = dict(LINK_KINDS)
    if name == "projects":
        for link in record.get("links") or []:
            if not isinstance(link, dict) or link.get("kind") not in link_kinds or not link.get("url"):
                problems.append(f"{label}: field 'links' has {link!r}; each needs a `kind` and a `url`.")
    if name == "news":
        for link in record.get("links") or []:
            if not isinstance(link, dict) or link.get("label") not in NEWS_LINK_LABELS or not link.get("url"):
                problems.append(
                    f"{label}: field 'links' has {link!r}; each needs a `url` and a `label`, one of: "
                    f"{', '.join(NEWS_LINK_LABELS)}."
                )
        announces = record.get("announces")
        if announces and announces.get("type") not in ANNOUNCEMENT_TYPES:
            problems.append(
                f"{label}: field 'announces' has type {announces.get('type')!r}; use one of: "
                f"{', '.join(ANNOUNCEMENT_TYPES)}."
            )


ANNOUNCEMENT_TARGETS = {
    "honor": "honors",
    "competition_award": "competition_awards",
    "talk": "talks",
    "project": "projects",
    "blog_post": "blog_posts",
}


def _check_references(name, kind, records, keys, problems):
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        label = _label(kind, record, index)
        for field_name, spec in kind.fields.items():
            value = record.get(field_name)
            if spec.kind == "ref" and value is not None and value not in keys[spec.target]:
                problems.append(f"{label}: field {field_name!r} refers to unknown {spec.target} {value!r}.")
            if spec.kind == "refs":
                for ref in value or []:
                    if ref not in keys[spec.target]:
                        problems.append(f"{label}: field {field_name!r} refers to unknown {spec.target} {ref!r}.")
        for author in record.get("authors") or [] if name in {"projects", "blog_posts"} else []:
            person = author.get("person") if isinstance(author, dict) else None
            if person and person not in keys["people"]:
                problems.append(f"{label}: an author refers to unknown people {person!r}.")
        announces = record.get("announces") if name == "news" else None
        if announces and announces.get("type") in ANNOUNCEMENT_TARGETS:
            target = ANNOUNCEMENT_TARGETS[announces["type"]]
            if announces.get("key") not in keys[target]:
                problems.append(f"{label}: field 'announces' refers to unknown {target} {announces.get('key')!r}.")


def _check_site(site, keys, problems):
    home = site.get("home")
    if not isinstance(home, dict):
        problems.append("site.yaml: a `home` mapping is required.")
        return
    for field_name in ("title", "lab_name"):
        if not home.get(field_name):
            problems.append(f"site.yaml home: field {field_name!r} is required.")
    for theme in home.get("recent_work") or []:
        for project in theme.get("projects") or []:
            if project not in keys["projects"]:
                problems.append(f"site.yaml home recent_work {theme.get('label')!r}: unknown project {project!r}.")
    for slug in home.get("research_interests") or []:
        if slug not in keys["research_areas"]:
            problems.append(f"site.yaml home research_interests: unknown research area {slug!r}.")


def _check_image_references(items, image_keys, problems):
    for name in ("research_areas", "projects", "blog_posts"):
        for record in items[name]:
            for image_key in stream_image_keys(record.get("body") or []):
                if image_key not in image_keys:
                    problems.append(
                        f"{KINDS[name].file} item {record.get(KINDS[name].key)!r}: unknown image {image_key!r}."
                    )


def stream_image_keys(value):
    """Every image key a stream refers to, however deeply nested."""
    if isinstance(value, dict):
        for name, item in value.items():
            if name == "image" and isinstance(item, str):
                yield item
            else:
                yield from stream_image_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from stream_image_keys(item)
