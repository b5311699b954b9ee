"""The e2e site: a minimal tree the browser tests build on, written into the e2e database by `manage.py shell`.

Run by the e2e fixtures as ``manage.py shell -c "from tests.e2e.seed import seed; seed(<cms port>)"`` with the e2e
server's environment (never against the development or test database). It uses the apps' own factories, so it
stays in step with the models; the lab's full dataset (``import_content content/lab``) is not needed here and would
add a quarter of a minute.
"""

import datetime
import json

from django.db import transaction
from wagtail.models import Page, Site

from blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from core.factories import ImageFactory
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory, NewsPageFactory
from news.models import NewsKind
from people.factories import PeopleIndexPageFactory, PersonPageFactory
from people.models import PersonPosition
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor, PublicationLink
from research.factories import ProjectIndexPageFactory, ProjectPageFactory, ResearchAreaIndexPageFactory

IMAGE_TITLES = ("E2E figure alpha", "E2E figure beta")
EXISTING_POST_TITLE = "An already published post"
EXISTING_NEWS_TITLE = "An already published news item"
PUBLICATION_TITLE = "An E2E paper on efficient attention"
EARLIER_PUBLICATION_TITLE = "An earlier E2E workshop paper"
PAPER_NEWS_TITLE = "Our E2E paper appears at NeurIPS 2025"


@transaction.atomic
def seed(port):
    root = Page.get_first_root_node()
    for placeholder in root.get_children():
        placeholder.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=int(port), root_page=home, is_default_site=True, site_name="E2E")
    ResearchAreaIndexPageFactory(parent=home)
    blog = BlogIndexPageFactory(parent=home)
    news = NewsIndexPageFactory(parent=home)
    images = [ImageFactory(title=title, description=f"{title} (alt)") for title in IMAGE_TITLES]
    people = PeopleIndexPageFactory(parent=home)
    member = PersonPageFactory(parent=people, title="Ada Member", slug="ada-member")
    alumna = PersonPageFactory(
        parent=people, title="Bea Alumna", slug="bea-alumna", role="phd", status="alumni",
        graduation_year=2024, placement="assistant professor at Example University",
    )  # fmt: skip
    alumna.positions = [
        PersonPosition(role="phd", start=datetime.date(2019, 9, 1), end=datetime.date(2024, 6, 30), advisor=member),
        PersonPosition(title="assistant professor", organisation="Example University", start=datetime.date(2024, 9, 1)),
    ]
    alumna.save_revision().publish()
    project = ProjectPageFactory(
        parent=ProjectIndexPageFactory(parent=home), title="E2E Attention", slug="e2e-attention", short_name="E2EA"
    )
    publications = PublicationIndexPageFactory(parent=home)
    paper = PublicationPageFactory(
        parent=publications, title=PUBLICATION_TITLE, slug="e2e-paper",
        venue_short="NeurIPS 2025", year=2025, doi="10.5555/e2e.1",
    )  # fmt: skip
    paper.authors = [PublicationAuthor(person=member), PublicationAuthor(name="Outside Author")]
    paper.links = [PublicationLink(kind="code", url="https://github.com/example/e2e")]
    paper.projects = [project]
    paper.save()
    earlier = PublicationPageFactory(
        parent=publications, title=EARLIER_PUBLICATION_TITLE, slug="e2e-workshop-paper",
        venue_short="E2E Workshop 2023", venue_kind="workshop", year=2023,
    )  # fmt: skip
    earlier.authors = [PublicationAuthor(person=alumna), PublicationAuthor(person=member)]
    earlier.projects = [project]
    earlier.save()
    for page in (
        BlogPostPageFactory(parent=blog, title=EXISTING_POST_TITLE, slug="already-published"),
        NewsPageFactory(
            parent=news,
            title=EXISTING_NEWS_TITLE,
            slug="already-published",
            date=datetime.date(2024, 5, 1),
        ),
        NewsPageFactory(
            parent=news,
            title=PAPER_NEWS_TITLE,
            slug="e2e-paper-news",
            date=datetime.date(2023, 12, 1),
            kind=NewsKind.PAPER,
            publication=paper,
            venue="NeurIPS 2025",
        ),
    ):
        page.save_revision().publish()
    print(json.dumps({"home": home.pk, "blog": blog.pk, "news": news.pk, "images": [image.pk for image in images]}))
