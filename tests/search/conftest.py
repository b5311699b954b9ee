import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory
from people.factories import HonorFactory, PeopleIndexPageFactory, PersonPageFactory, TalkFactory
from research.factories import ProjectIndexPageFactory, ProjectPageFactory, ResearchAreaPageFactory


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def content(site_tree):
    home = site_tree["home"]
    projects = ProjectIndexPageFactory(parent=home, title="Projects", slug="projects")
    people = PeopleIndexPageFactory(parent=home, title="Team", slug="team")
    made = {}
    made["awq"] = ProjectPageFactory(
        parent=projects, title="AWQ", slug="awq", short_name="AWQ",
        summary="Activation-aware weight quantization for on-device LLMs, with 4-bit weights.",
    )  # fmt: skip
    made["smoothquant"] = ProjectPageFactory(
        parent=projects, title="SmoothQuant", slug="smoothquant", short_name="SmoothQuant",
        summary="Accurate and efficient post-training quantization: W8A8 for LLMs.",
    )  # fmt: skip
    made["draft"] = ProjectPageFactory(
        parent=projects, title="Secret quantization", slug="secret", short_name="Secret", live=False,
        summary="An unannounced quantization project.",
    )  # fmt: skip
    made["expired"] = ProjectPageFactory(
        parent=projects, title="Old quantization", slug="old", short_name="Old",
        summary="A quantization project whose page has expired.",
        expire_at=timezone.now() - datetime.timedelta(days=1),
    )  # fmt: skip
    made["private"] = ProjectPageFactory(
        parent=projects, title="Private quantization", slug="private", short_name="Private",
        summary="A quantization project behind a password.",
    )  # fmt: skip
    PageViewRestriction.objects.create(page=made["private"], restriction_type="password", password="x")
    made["song"] = PersonPageFactory(
        parent=people, title="Song Han", slug="song-han", role="pi",
        bio="<p>Works on model compression and quantization &amp; efficient AI.</p>",
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
    made["talk"] = TalkFactory(
        key="awq-talk", speaker=made["song"], title="Quantization for on-device LLMs", event="MLSys 2024",
        date=datetime.date(2024, 5, 15), video_url="https://www.youtube.com/watch?v=3dYLj9vjfA0",
    )  # fmt: skip
    made["honor"] = HonorFactory(
        key="mlsys-best-paper", title="MLSys Best Paper Award", date=datetime.date(2024, 5, 15),
        kind="paper_award", project=made["awq"], awarded_by="MLSys",
    )  # fmt: skip
    return made
