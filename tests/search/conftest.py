import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory
from people.models import Honor, PeopleIndexPage, PersonPage, Talk
from research.factories import ResearchAreaPageFactory
from research.models import ProjectAuthor, ProjectIndexPage, ProjectPage


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def content(site_tree):
    home = site_tree["home"]
    projects = home.add_child(instance=ProjectIndexPage(title="Projects", slug="projects"))
    people = home.add_child(instance=PeopleIndexPage(title="Team", slug="team"))
    made = {}
    awq = ProjectPage(
        title="AWQ",
        slug="awq",
        short_name="AWQ",
        summary="Activation-aware weight quantization for on-device LLMs, with 4-bit weights.",
    )
    awq.authors = [ProjectAuthor(name="Ji Lin")]
    made["awq"] = projects.add_child(instance=awq)
    made["smoothquant"] = projects.add_child(
        instance=ProjectPage(title="SmoothQuant", slug="smoothquant", short_name="SmoothQuant",
                             summary="Accurate and efficient post-training quantization: W8A8 for LLMs.")
    )  # fmt: skip
    made["draft"] = projects.add_child(
        instance=ProjectPage(title="Secret quantization", slug="secret", short_name="Secret", live=False,
                             summary="An unannounced quantization project.")
    )  # fmt: skip
    made["expired"] = projects.add_child(
        instance=ProjectPage(title="Old quantization", slug="old", short_name="Old",
                             summary="A quantization project whose page has expired.",
                             expire_at=timezone.now() - datetime.timedelta(days=1))
    )  # fmt: skip
    made["private"] = projects.add_child(
        instance=ProjectPage(title="Private quantization", slug="private", short_name="Private",
                             summary="A quantization project behind a password.")
    )  # fmt: skip
    PageViewRestriction.objects.create(page=made["private"], restriction_type="password", password="x")
    made["song"] = people.add_child(
        instance=PersonPage(title="Song Han", slug="song-han", role="pi",
                            bio="<p>Works on model compression and quantization &amp; efficient AI.</p>")
    )  # fmt: skip
    made["post"] = BlogPostPageFactory(
        parent=site_tree["blog"],
        title="Why quantization works",
        slug="why-quantization",
        summary="A tour of low-bit inference.",
        body=paragraph("We explain <b>quantization</b> and why 4-bit <i>weights</i> keep accuracy."),
    )
    made["news"] = NewsPageFactory(
        parent=site_tree["news"], title="AWQ wins best paper", slug="awq-best-paper",
        body=paragraph("AWQ received the best paper award at MLSys 2024."),
    )  # fmt: skip
    made["area"] = ResearchAreaPageFactory(
        parent=site_tree["research"], title="Efficient LLMs", slug="efficient-llms",
        summary="Quantization, sparsity and systems for large language models.",
    )  # fmt: skip
    made["talk"] = Talk.objects.create(
        key="awq-talk", speaker=made["song"], title="Quantization for on-device LLMs", event="MLSys 2024",
        date=datetime.date(2024, 5, 15), video_url="https://www.youtube.com/watch?v=3dYLj9vjfA0",
    )  # fmt: skip
    made["honor"] = Honor.objects.create(
        key="mlsys-best-paper", title="MLSys Best Paper Award", date=datetime.date(2024, 5, 15),
        kind="paper_award", project=made["awq"], awarded_by="MLSys",
    )  # fmt: skip
    return made
