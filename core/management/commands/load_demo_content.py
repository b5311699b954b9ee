"""A small, valid site: the home page, three research areas, three blog posts, five news items.

Safe to run again: it does nothing once a home page exists, so editors' content is never overwritten.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage
from core.factories import every_block_body
from home.models import HomeFeaturedResearchArea, HomePage
from news.models import NewsIndexPage, NewsLink, NewsPage
from research.models import ResearchAreaIndexPage, ResearchAreaPage

RESEARCH_AREAS = [
    (
        "efficient-llm",
        "Efficient LLMs",
        "Quantization, sparse attention and serving systems for large language models.",
    ),
    ("tinyml", "TinyML", "Deep learning on microcontrollers and edge devices with kilobytes of memory."),
    ("efficient-visual-generation", "Efficient visual generation", "Fast diffusion and autoregressive image models."),
]


def placeholder_image(title, color):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 630), color).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png")
    )


class Command(BaseCommand):
    help = "Load a small demo site (skipped when a home page already exists)."

    @transaction.atomic
    def handle(self, *args, **options):
        if HomePage.objects.exists():
            self.stdout.write("A home page exists already: demo content left as it is.")
            return
        figure = placeholder_image("Demo figure", "#a31f34")
        root = Page.get_first_root_node()
        for placeholder_page in root.get_children():  # Wagtail's "Welcome" page
            placeholder_page.delete()
        home = root.add_child(
            instance=HomePage(
                title="MIT HAN Lab",
                slug="home",
                lab_name="MIT HAN Lab",
                tagline="Efficient AI computing: algorithms, systems and hardware",
                about="<p>The lab studies efficient deep learning, from TinyML to large language models.</p>",
                hero_image=figure,
            )
        )
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
        )

        research = home.add_child(instance=ResearchAreaIndexPage(title="Research", slug="research"))
        areas = [
            research.add_child(instance=ResearchAreaPage(title=title, slug=slug, summary=summary))
            for slug, title, summary in RESEARCH_AREAS
        ]
        for area in areas:
            home.featured_research_areas.add(HomeFeaturedResearchArea(research_area=area))
        home.save()

        blog = home.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
        for number, (title, area) in enumerate(
            [("AWQ on the edge", 0), ("TinyML with MCUNet", 1), ("Fast image generation with HART", 2)]
        ):
            post = BlogPostPage(
                title=title,
                date=datetime.date(2024, 3, 1 + number),
                summary=f"{title}: what we built and how fast it runs.",
                hero_image=figure,
                body=every_block_body(figure),
            )
            post.authors.add(BlogPostAuthor(name="Song Han"))
            blog.add_child(instance=post)
            post.research_areas.add(areas[area])
            post.tags.add("efficiency")
            post.save()

        news = home.add_child(instance=NewsIndexPage(title="News", slug="news"))
        for number, (title, kind) in enumerate(
            [
                ("AWQ receives the MLSys 2024 best paper award", "award"),
                ("StreamingLLM appears at ICLR 2024", "paper"),
                ("Song Han presented efficient LLM inference at a keynote", "talk"),
                ("New blog post: AWQ on the edge", "blog"),
                ("TinyChat released", "release"),
            ]
        ):
            item = NewsPage(
                title=title,
                date=datetime.date(2024, 5, 1 + number),
                kind=kind,
                body=[{"type": "paragraph", "value": f"<p>{title}.</p>"}],
            )
            item.links.add(NewsLink(label="Paper", url="https://arxiv.org/abs/2306.00978"))
            news.add_child(instance=item)
            item.research_areas.add(areas[0])
            item.save()
        self.stdout.write(self.style.SUCCESS("Loaded the demo site: 1 home, 3 research areas, 3 posts, 5 news items."))
