"""The lab's dataset: it loads, it reads back through /graphql/, and it survives a round trip."""

import html
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from blog.models import BlogPostPage
from core.content import DatasetError, export_dataset, import_dataset
from home.models import HomePage
from lab.models import Course, IndustryPartner
from news.models import NewsPage
from people.models import CompetitionAward, Honor, PersonPage, Talk
from research.models import ProjectPage, ResearchAreaPage

LAB = Path(settings.BASE_DIR) / "content" / "lab"
COUNTED = {
    "research_areas": ResearchAreaPage,
    "projects": ProjectPage,
    "people": PersonPage,
    "honors": Honor,
    "competition_awards": CompetitionAward,
    "talks": Talk,
    "industry_partners": IndustryPartner,
    "courses": Course,
    "blog_posts": BlogPostPage,
    "news": NewsPage,
}


def dataset_count(kind):
    file = {"news": "news.yaml"}.get(kind, f"{kind}.yaml")
    return len(yaml.safe_load((LAB / file).read_text()))


@pytest.fixture
def lab_site(db):
    return import_dataset(LAB)


def test_counts_after_import_equal_the_dataset(lab_site):
    for kind, model in COUNTED.items():
        assert model.objects.count() == dataset_count(kind), kind
        assert lab_site[kind]["created"] == dataset_count(kind)
    assert IndustryPartner.objects.count() == 13
    assert CompetitionAward.objects.count() >= 7
    assert ResearchAreaPage.objects.count() == 3


def test_a_second_import_changes_nothing(lab_site):
    report = import_dataset(LAB)
    assert all(set(counts) <= {"unchanged"} for counts in report.values()), report


def test_facts_read_back_through_graphql(lab_site, graphql):
    data = graphql.query(
        """{ project: page(urlPath: "/projects/streamingllm/") { ... on ProjectPage { shortName title year } }
             awqProject: page(urlPath: "/projects/awq/") { ... on ProjectPage {
               year publications { slug venueShort year status } } }
             awq: newsItems(project: "AWQ", perPage: 100) { items { title projects { shortName } } pagination { total } }
             y2023: newsItems(year: 2023, perPage: 100) { items { date } }
             awards { title date datePrecision }
             people(status: "alumni") { name placement graduationYear }
             labSettings { office officeNote contactEmail recruitingEmail recruitingText industryImpactIntro }
             unstated: people(role: "unknown") { name status roleLabel }
             courses { code name }
             home: page(urlPath: "/") { ... on HomePage { profileName recentWork { ... on RecentWorkBlock { label projects { title } } } } } }"""
    )
    assert data["project"]["shortName"] == "StreamingLLM"
    # A project's venue is its publication's (publications.yaml), the project keeps its year.
    assert data["awqProject"] == {
        "year": 2024,
        "publications": [{"slug": "awq", "venueShort": "MLSys 2024", "year": 2024, "status": "published"}],
    }
    assert data["awq"]["pagination"]["total"] > 0
    assert all("AWQ" in [p["shortName"] for p in item["projects"]] for item in data["awq"]["items"])
    assert data["y2023"]["items"] and all(item["date"].startswith("2023-") for item in data["y2023"]["items"])
    sloan = next(award for award in data["awards"] if award["title"] == "2023 Sloan Research Fellowship")
    assert sloan == {"title": "2023 Sloan Research Fellowship", "date": "2023-05-01", "datePrecision": "month"}
    zhijian = next(person for person in data["people"] if person["name"] == "Zhijian Liu")
    assert zhijian["placement"] == "assistant professor at UCSD"
    settings_ = data["labSettings"]
    assert settings_["office"] == "38-344"
    assert settings_["contactEmail"] == "FirstnameLastname [at] mit [dot] edu"  # the PI's, as both captures give it
    assert settings_["recruitingEmail"] == "hanlab.recruiting@gmail.com"
    assert "hanlab.recruiting@gmail.com" in settings_["recruitingText"]
    assert settings_["officeNote"].endswith("Prof. Paul E. Grey's former office.")
    assert settings_["industryImpactIntro"].startswith("Our efficient ML research has influenced")
    assert data["unstated"] == [
        {"name": "Ligeng Zhu", "status": "unknown", "roleLabel": "Role not stated"},
        {"name": "Yujun Lin", "status": "unknown", "roleLabel": "Role not stated"},
    ]
    assert data["courses"] == [{"code": "6.5940", "name": "TinyML and Efficient Deep Learning Computing"}]
    themes = data["home"]["recentWork"]
    assert themes[0]["label"] == "LLM Quantization"
    assert "AWQ" in [project["title"] for project in themes[0]["projects"]]


def test_a_broken_file_is_refused_with_every_problem_named_and_nothing_written(db, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(LAB, broken)
    news = yaml.safe_load((broken / "news.yaml").read_text())
    news[0]["kind"] = "gossip"
    news[1]["projects"] = ["NoSuchProject"]
    del news[2]["date"]
    (broken / "news.yaml").write_text(yaml.safe_dump(news, allow_unicode=True))
    pages_before = Page.objects.count()
    with pytest.raises(DatasetError) as refused:
        import_dataset(broken)
    problems = refused.value.problems
    kinds = "paper, award, talk, blog, announcement, release"
    assert f"news.yaml item {news[0]['key']!r}: field 'kind' is 'gossip'; use one of: {kinds}." in problems
    assert (
        f"news.yaml item {news[1]['key']!r}: field 'projects' refers to unknown projects 'NoSuchProject'." in problems
    )
    assert f"news.yaml item {news[2]['key']!r}: field 'date' is required." in problems
    assert Page.objects.count() == pages_before
    assert not HomePage.objects.exists() and not get_image_model().objects.exists()


def test_a_body_the_blocks_refuse_is_refused_and_nothing_written(db, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(LAB, broken)
    posts = yaml.safe_load((broken / "blog_posts.yaml").read_text())
    posts[0]["body"].append({"type": "equation", "value": {"latex": "", "mode": "display"}})
    (broken / "blog_posts.yaml").write_text(yaml.safe_dump(posts, allow_unicode=True))
    with pytest.raises(DatasetError) as refused:
        import_dataset(broken)
    block_number = len(posts[0]["body"])
    assert refused.value.problems == [
        f"blog_posts.yaml item {posts[0]['slug']!r}: field 'body': block {block_number} > latex: "
        "The equation is empty: type its LaTeX source."
    ]
    assert not Page.objects.type(BlogPostPage).exists() and not Honor.objects.exists()


def test_invalid_yaml_is_refused(db, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(LAB, broken)
    (broken / "talks.yaml").write_text("- key: [unclosed\n")
    with pytest.raises(DatasetError) as refused:
        import_dataset(broken)
    assert refused.value.problems[0].startswith("talks.yaml: not valid YAML")
    assert not Talk.objects.exists()


def test_round_trip_export_import_into_an_empty_site_export(lab_site, tmp_path):
    export_dataset(tmp_path / "first")
    for page in HomePage.objects.all():
        page.delete()
    for model in (Honor, CompetitionAward, Talk, IndustryPartner, Course, get_image_model()):
        model.objects.all().delete()
    assert not ProjectPage.objects.exists()

    import_dataset(tmp_path / "first")
    export_dataset(tmp_path / "second")
    for file in sorted((tmp_path / "first").glob("*.yaml")):
        assert file.read_text() == (tmp_path / "second" / file.name).read_text(), file.name


CAPTURES = LAB / "captures"
# Where the dataset's wording differs from a capture on purpose (README: rendering faults and spelling slips fixed).
CAPTURE_WORDING = {
    "post-training quantization paradigm": "post-training training quantization paradigm",
    "which quantizes both": "which quantize both",
    "interactive demo at": "interactive demo below or at",  # the demo is not embedded below the text
}


def letters(text):
    """Only letters and digits: the captures glue words and lose spaces, so only the characters are compared."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def sentences(html_text):
    text = html.unescape(re.sub(r"<[^>]+>", " ", html_text))
    for dataset_wording, captured in CAPTURE_WORDING.items():
        text = text.replace(dataset_wording, captured)
    return [sentence for sentence in re.split(r"(?<=[.!?])\s+", text.strip()) if sentence]


def test_every_sentence_of_the_blog_posts_is_in_the_captures():
    """The captures only announce the posts: title, summary and the announcement's text are all the dataset holds."""
    captured = letters("".join(path.read_text(encoding="utf-8") for path in sorted(CAPTURES.glob("*.txt"))))
    posts = yaml.safe_load((LAB / "blog_posts.yaml").read_text())
    assert len(posts) == 18
    missing = []
    for post in posts:
        texts = [post["title"], post["summary"]]
        for block in post["body"]:
            assert block["type"] == "paragraph", (post["slug"], block["type"])
            texts.append(block["value"])
        missing += [(post["slug"], s) for text in texts for s in sentences(text) if letters(s) not in captured]
    assert missing == []


def test_the_sentence_check_catches_an_invented_sentence():
    captured = letters((CAPTURES / "lab-homepage-2026.txt").read_text(encoding="utf-8"))
    assert letters("TinyChat enables efficient LLM inference on both cloud and edge GPUs.") not in captured
    assert letters(sentences("<p>A new blog post <b>Block Sparse Attention</b> is published.</p>")[0]) in captured


def test_no_image_of_the_lab_is_a_flat_colour(lab_site):
    """The lab has no figures in the captures, so it has none: no placeholder rectangle presented as a diagram."""
    records = yaml.safe_load((LAB / "images.yaml").read_text()) or []
    assert all("color" not in record and record.get("file") for record in records)
    for image in get_image_model().objects.all():
        with image.open_file() as file, PILImage.open(file) as picture:
            assert picture.convert("RGB").getcolors(maxcolors=1) is None, image.title


def test_dates_keep_their_precision_through_the_api(lab_site, graphql):
    data = graphql.query(
        """{ month: newsItems(year: 2023, perPage: 100) { items { title date datePrecision } }
             talks { title date datePrecision } }"""
    )
    by_title = {item["title"]: item for item in data["month"]["items"]}
    hf = by_title["AWQ integrated by Hugging Face Transformers' main branch"]
    assert (hf["date"], hf["datePrecision"]) == ("2023-12-01", "month")  # the 2024 capture's "Dec 2023"
    native = by_title["AWQ integrated natively in Hugging Face transformers"]
    assert (native["date"], native["datePrecision"]) == ("2023-11-01", "day")  # the 2026 capture's 11/1/2023
    precisions = Counter(talk["datePrecision"] for talk in data["talks"])
    assert precisions == {"month": 22, "day": 1}
    news = yaml.safe_load((LAB / "news.yaml").read_text())
    assert Counter(item["date_precision"] for item in news)["month"] == 72


def test_news_carry_their_research_areas_and_course_tags(lab_site, graphql):
    data = graphql.query(
        """{ area: newsItems(researchArea: "efficient-generative-ai", perPage: 5) { pagination { total } }
             course: newsItems(year: 2023, kind: "announcement", perPage: 100) { items { title courses { code } } } }"""
    )
    assert data["area"]["pagination"]["total"] > 0
    tagged = [item["title"] for item in data["course"]["items"] if item["courses"]]
    assert tagged == ["Course 6.5940 returns in Fall with live sessions on YouTube"]


def test_a_project_venue_in_the_lab_dataset_is_refused_naming_publications_yaml(db, tmp_path):
    """The lab's projects.yaml no longer holds papers; an old copy that still gives a project a venue is refused."""
    old = tmp_path / "old"
    shutil.copytree(LAB, old)
    projects = yaml.safe_load((old / "projects.yaml").read_text())
    assert not {"authors", "affiliations", "venue", "bibtex", "paper_title", "doi"} & {k for p in projects for k in p}
    projects[0]["venue"] = "MLSys 2024"
    (old / "projects.yaml").write_text(yaml.safe_dump(projects, allow_unicode=True))
    pages_before = Page.objects.count()
    with pytest.raises(DatasetError) as refused:
        import_dataset(old)
    [problem] = refused.value.problems
    assert problem.startswith(f"projects.yaml item {projects[0]['short_name']!r}: field 'venue' is no longer read")
    assert "publications.yaml" in problem
    assert Page.objects.count() == pages_before
