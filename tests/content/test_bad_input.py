"""Bad input to import_content: each fault is refused with a problem naming file, item and field; nothing written."""

import os
from pathlib import Path

import pytest
import yaml
from django.core.files.storage import default_storage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.images import get_image_model

from core.content import DatasetError, import_dataset, read_dataset
from core.content.schema import KINDS
from core.sanitize import rich_text_problems, sanitise_rich_text
from people.models import PersonPage

SITE = {"home": {"title": "Home", "lab_name": "Lab"}}
PERSON = {"slug": "ada", "name": "Ada", "role": "pi", "status": "current", "bio": "<p>Hi <b>there</b></p>",
          "links": [{"label": "Web", "url": "https://example.org/"}]}  # fmt: skip


def write_dataset(folder, **files):
    folder.mkdir(exist_ok=True)
    (folder / "manifest.yaml").write_text("format: labcms-content\nversion: 1\n")
    (folder / "site.yaml").write_text(yaml.safe_dump(files.pop("site", SITE)))
    for kind in KINDS.values():
        name = kind.file.removesuffix(".yaml")
        (folder / kind.file).write_text(yaml.safe_dump(files.get(name, [])))
    return folder


def problems_of(folder):
    with pytest.raises(DatasetError) as refused:
        read_dataset(folder)
    return refused.value.problems


def test_script_onerror_svg_and_javascript_in_rich_text_are_refused(tmp_path):
    people = [{**PERSON, "bio": '<p>x<script>alert(1)</script><img src=x onerror="alert(2)"><svg onload="a()">'
                                '</svg><a href="javascript:alert(3)">y</a></p>'}]  # fmt: skip
    news = [{"key": "n", "date": "2024-01-01", "title": "N", "kind": "paper", "body": '<p onclick="x()">z</p>'}]
    problems = problems_of(write_dataset(tmp_path / "d", people=people, news=news))
    assert problems == [
        "people.yaml item 'ada': field 'bio' has HTML that is not allowed: the element <script> is not allowed; "
        "the element <img> is not allowed; the element <svg> is not allowed; the address 'javascript:alert(3)' is "
        "not allowed (use http, https or mailto).",
        "news.yaml item 'n': field 'body' has HTML that is not allowed: the attribute 'onclick' on <p> is not allowed.",
    ]


def test_javascript_and_data_urls_in_url_fields_are_refused(tmp_path):
    people = [{**PERSON, "links": [{"label": "x", "url": "javascript:alert(1)"}]}]
    partners = [{"name": "P", "url": "data:text/html,<script>alert(1)</script>"}]
    site = {**SITE, "lab_settings": {"recruiting_form_url": "vbscript:x"}}
    problems = problems_of(write_dataset(tmp_path / "d", people=people, industry_partners=partners, site=site))
    assert problems == [
        "people.yaml item 'ada': field 'links' item 1: field 'url' is 'javascript:alert(1)'; use a web address "
        "starting with https:// or http://.",
        "industry_partners.yaml item 1: field 'url' is 'data:text/html,<script>alert(1)</script>'; use a web "
        "address starting with https:// or http://.",
        "site.yaml: field 'lab_settings': field 'recruiting_form_url' is 'vbscript:x'; use a web address starting "
        "with https:// or http://.",
    ]


def test_a_javascript_link_in_a_body_block_is_refused_like_in_the_admin(db, tmp_path):
    body = [{"type": "paragraph", "value": '<p><a href="javascript:alert(1)">x</a></p>'}]
    areas = [{"slug": "a", "title": "A", "summary": "S", "body": body}]
    with pytest.raises(DatasetError) as refused:
        import_dataset(write_dataset(tmp_path / "d", research_areas=areas))
    assert refused.value.problems == [
        "research_areas.yaml item 'a': field 'body': block 1: the address 'javascript:alert(1)' is not allowed "
        "(use http, https or mailto)."
    ]


def test_image_files_outside_the_dataset_folder_are_refused(tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"not an image")
    folder = tmp_path / "d"
    folder.mkdir()
    os.symlink(outside, folder / "link.png")
    images = [{"key": "abs", "title": "A", "file": str(outside)}, {"key": "up", "title": "U", "file": "../secret.png"},
              {"key": "sym", "title": "S", "file": "link.png"}]  # fmt: skip
    problems = problems_of(write_dataset(folder, images=images))
    assert problems == [
        f"images.yaml item 'abs': field 'file' {str(outside)!r} is outside the dataset's folder.",
        "images.yaml item 'up': field 'file' '../secret.png' is outside the dataset's folder.",
        "images.yaml item 'sym': field 'file' 'link.png' is outside the dataset's folder.",
    ]


def test_billion_laughs_yaml_is_refused_at_its_first_alias(tmp_path):
    folder = write_dataset(tmp_path / "d")
    lines = ['- &a0 {key: "x", title: "lol"}']
    lines += [f"- &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    (folder / "talks.yaml").write_text("\n".join(lines) + "\n")
    problems = problems_of(folder)
    assert len(problems) == 1
    assert problems[0].startswith("talks.yaml: not valid YAML: aliases (*name) are not allowed in a dataset")
    assert "line 2, column 8" in problems[0]


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path, settings):
    settings.CONTENT_IMPORT_MAX_FILE_BYTES = 1000
    folder = write_dataset(tmp_path / "d")
    (folder / "news.yaml").write_text("- [unclosed\n" + "#" * 2000)  # would be a YAML error if it were parsed
    assert problems_of(folder) == [
        "news.yaml: the file is 2,012 bytes, over the limit of 1,000 (CONTENT_IMPORT_MAX_FILE_BYTES): split the "
        "dataset or raise the limit."
    ]
    settings.CONTENT_IMPORT_MAX_FILE_BYTES, settings.CONTENT_IMPORT_MAX_TOTAL_BYTES = 10_000, 1500
    assert problems_of(folder) == [
        "the dataset's files are 2,115 bytes in all, over the limit of 1,500 (CONTENT_IMPORT_MAX_TOTAL_BYTES)."
    ]


def test_fields_of_the_wrong_type_are_problems_not_tracebacks(tmp_path):
    people = [{**PERSON, "slug": ["not", "a", "string"], "links": ["https://x.org"]}, {**PERSON, "bio": {"a": 1}}]
    posts = [{"slug": "p", "title": "T", "date": {"y": 2024}, "summary": "S", "tags": [["x"]], "body": [],
              "authors": "me", "projects": [{"k": 1}]}]  # fmt: skip
    news = [{"key": "n", "date": "2024-01-01", "title": "N", "kind": ["paper"], "announces": ["x"]}]
    site = {"home": {"title": "H", "lab_name": "L", "recent_work": "many"}, "lab_settings": []}
    problems = problems_of(write_dataset(tmp_path / "d", people=people, blog_posts=posts, news=news, site=site))
    assert "people.yaml item 1: field 'slug' must be a non-empty str; got ['not', 'a', 'string']." in problems
    assert "people.yaml item 1: field 'links' item 1 must be a mapping; got 'https://x.org'." in problems
    assert "people.yaml item 'ada': field 'bio' must be a HTML text; got {'a': 1}." in problems
    assert "blog_posts.yaml item 'p': field 'date' is {'y': 2024}; use a date written YYYY-MM-DD." in problems
    assert "blog_posts.yaml item 'p': field 'tags' must be a list of strings; got [['x']]." in problems
    assert "blog_posts.yaml item 'p': field 'projects' must be a list of strings; got [{'k': 1}]." in problems
    assert "news.yaml item 'n': field 'announces' must be a dict; got ['x']." in problems
    assert "site.yaml: field 'home': field 'recent_work' must be a list; got 'many'." in problems
    assert "site.yaml: field 'lab_settings' must be a dict; got []." in problems


def test_a_project_s_retired_paper_fields_are_refused_naming_publications_yaml(tmp_path):
    project = {"slug": "awq", "short_name": "AWQ", "title": "AWQ", "year": 2024}
    projects = [{**project, "venue": "MLSys 2024"},
                {**project, "slug": "qserve", "short_name": "QServe", "title": "QServe", "bibtex": "@misc{x}",
                 "authors": [{"name": "Ji Lin"}], "paper_title": "Q", "doi": "10.1/q", "affiliations": "MIT",
                 "colour": "red"}]  # fmt: skip
    problems = problems_of(write_dataset(tmp_path / "d", projects=projects))
    where = (
        "a project's papers are publications; write it in publications.yaml, with the project's short name under "
        "`projects`."
    )
    assert problems == [
        f"projects.yaml item 'AWQ': field 'venue' is no longer read here: {where}",
        *(f"projects.yaml item 'QServe': field {name!r} is no longer read here: {where}"
          for name in ("affiliations", "authors", "bibtex", "doi", "paper_title")),
        "projects.yaml item 'QServe': unknown field(s) colour.",
    ]  # fmt: skip
    assert "publications.yaml" in problems[0] and "venue" in problems[0]
    # Without them the same projects are read.
    clean = [{key: value for key, value in record.items() if key in project} for record in projects]
    read_dataset(write_dataset(tmp_path / "ok", projects=clean))


def test_a_refused_import_leaves_no_image_file_in_media(db, tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "pic.png").write_bytes((Path(__file__).parent / "pixel.png").read_bytes())
    images = [{"key": "pic", "title": "Pic", "file": "pic.png"}]
    body = [{"type": "equation", "value": {"latex": "", "mode": "display"}}]  # refused only when bodies are written
    areas = [{"slug": "a", "title": "A", "summary": "S", "body": body}]
    before = set(default_storage.listdir("original_images")[1]) if default_storage.exists("original_images") else set()
    with pytest.raises(DatasetError):
        import_dataset(write_dataset(folder, images=images, research_areas=areas))
    after = set(default_storage.listdir("original_images")[1]) if default_storage.exists("original_images") else set()
    assert after == before
    assert not get_image_model().objects.exists()


def test_a_small_dataset_with_allowed_markup_imports(db, tmp_path):
    import_dataset(write_dataset(tmp_path / "d", people=[PERSON]))
    assert PersonPage.objects.get(slug="ada").bio == PERSON["bio"]


def test_the_sanitiser_keeps_wagtail_internal_markup_and_drops_the_rest():
    features = ("bold", "link", "document-link")
    kept = '<p><b>b</b> <a linktype="page" id="3">p</a> <a linktype="document" id="4">d</a> <a href="/x">r</a></p>'
    assert rich_text_problems(kept, features) == [] and sanitise_rich_text(kept, features) == kept
    assert sanitise_rich_text('<p onclick="x">a<script>b</script><a href="javascript:c">d</a></p>', features) == (
        "<p>a<a>d</a></p>"
    )
    assert rich_text_problems('<a linktype="document" id="4">d</a>', ("link",)) == [
        "<a linktype='document'> is not allowed"
    ]


LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**12), st.text(max_size=8),
                   st.just("javascript:x"), st.just("<script>x</script>"), st.just("../x.png"))  # fmt: skip
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                          max_size=3), max_leaves=6)  # fmt: skip
SAMPLE = {"people": [PERSON], "news": [{"key": "n", "date": "2024-01-01", "title": "N", "kind": "paper",
          "links": [{"label": "Paper", "url": "https://x.org"}], "announces": {"type": "talk", "key": "t"}}],
          "talks": [{"key": "t", "speaker": "ada", "title": "T", "event": "E", "date": "2024-01-01",
                     "links": {"video": "https://v.org"}}],
          "projects": [{"slug": "p", "short_name": "P", "title": "P", "year": 2024,
                        "links": [{"kind": "code", "url": "https://c.org"}]}],
          "images": [{"key": "i", "title": "I", "color": "#123456"}]}  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(SAMPLE)), field=st.text(max_size=12), value=VALUES, data=st.data())
def test_fuzzed_records_raise_only_dataset_errors(tmp_path, kind, field, value, data):
    """Any field of a small dataset replaced by any value: the loader reports it, it never raises anything else."""
    files = {name: [dict(record) for record in records] for name, records in SAMPLE.items()}
    record = files[kind][0]
    name = data.draw(st.sampled_from([*record, field]))
    record[name] = value
    try:
        read_dataset(write_dataset(tmp_path / "fuzz", **files))
    except DatasetError:
        pass
