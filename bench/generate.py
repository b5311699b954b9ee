"""The benchmark's dataset, written straight into the page tree: thousands of pages in seconds.

Run by bench/run.py, after `migrate` and `import_content content/lab` (the lab's real site: home page, indexes,
research areas, people, projects, 18 posts, 121 news items):

    python -m bench.generate common                                  # images, renditions, the home page's body
    python -m bench.generate items --blog 2000 --news 10000 --projects 200

Pages are bulk-inserted rather than added with `add_child` (about 20 ms and a dozen queries each): the base
`wagtailcore_page` rows with their treebeard paths computed here (the next free steps under each index page), then
the specific rows, child rows (authors, links, tags) and many-to-many rows, then each index page's `numchild`.
Every page is live and published, like a page published in the admin, but without revisions, search index entries
or reference index entries, none of which the public API reads. Nothing fires the content-change signals, so the
GraphQL cache's content version is untouched (bench/run.py flushes the cache before each phase anyway).
`treebeard`'s own consistency check (`Page.find_problems()`) must come back clean, or the command fails.

Text is random but shaped like the lab's content (random.Random with a fixed seed: the same dataset each run).
"""

import argparse
import datetime
import io
import os
import random
import re
import sys
import time
import uuid

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.bench")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Page  # noqa: E402

from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage, BlogPostTag  # noqa: E402
from core.models import LabImage  # noqa: E402
from home.models import HomePage  # noqa: E402
from news.models import LinkLabel, NewsIndexPage, NewsKind, NewsLink, NewsPage  # noqa: E402
from publications.models import PublicationAuthor, PublicationIndexPage, PublicationPage  # noqa: E402
from research.models import ProjectIndexPage, ProjectLink, ProjectPage, ResearchAreaPage  # noqa: E402

IMAGES = 24
IMAGE_SIZE = (1600, 900)
RENDITION_FILTERS = [f"width-{width}" for width in settings.IMAGE_RENDITION_WIDTHS]
BATCH = 2000
NEWEST = datetime.date(2026, 11, 1)

WORDS = (  # noqa: SIM905
    "model quantization sparsity inference training accelerator memory bandwidth latency throughput kernel "
    "attention transformer token context cache activation weight precision hardware efficient edge device "
    "diffusion video language vision benchmark dataset compression pruning distillation search architecture "
    "neural network layer tensor compute energy power mobile microcontroller cloud server deployment scaling "
    "we show that our method reduces the cost of large models while keeping their accuracy on every task and "
    "it runs faster than previous work with less memory on the same hardware for both small and large batches"
).split()
TOPICS = [
    "4-bit Quantization", "Sparse Attention", "Long-Context Inference", "On-Device Training", "Video Generation",
    "Neural Architecture Search", "KV Cache Compression", "TinyML", "Diffusion Transformers", "Point Clouds",
    "Speculative Decoding", "Mixture of Experts", "Vision-Language Models", "Streaming LLMs", "Token Pruning",
]  # fmt: skip
DOMAINS = ["LLMs", "Edge Devices", "Microcontrollers", "GPUs", "Autonomous Driving", "Robotics", "Mobile Phones"]
FIRST_NAMES = ["Song", "Ji", "Guangxuan", "Haotian", "Yujun", "Shang", "Muyang", "Zhijian", "Ligeng", "Han", "Wei"]
LAST_NAMES = ["Han", "Lin", "Xiao", "Tang", "Yang", "Li", "Liu", "Zhu", "Chen", "Wang", "Cai", "Zhang", "Shi"]
TAGS = [
    "quantization", "sparsity", "llm", "efficient-ai", "tinyml", "diffusion", "video", "hardware", "compiler",
    "nas", "pruning", "distillation", "attention", "edge-ai", "gpu", "cuda", "training", "inference", "vision",
    "robotics", "3d", "point-cloud", "memory", "kv-cache", "long-context", "moe", "vlm", "benchmark",
    "open-source", "release", "award", "talk", "course", "systems", "mlsys", "nvfp4", "int4", "fp8", "agents", "rag",
]  # fmt: skip
VENUES = ["MLSys 2025", "NeurIPS 2025", "ICLR 2026", "ICML 2025", "CVPR 2026", "ISCA 2025", "MICRO 2025"]
KINDS = [NewsKind.PAPER] * 5 + [NewsKind.AWARD, NewsKind.TALK, NewsKind.BLOG, NewsKind.ANNOUNCEMENT, NewsKind.RELEASE]


def log(message, started):
    print(f"  {message} ({time.monotonic() - started:.1f} s)", flush=True)


class Text:
    def __init__(self, seed):
        self.random = random.Random(seed)  # noqa: S311 (test data)

    def words(self, count):
        return " ".join(self.random.choice(WORDS) for _ in range(count))

    def sentence(self, count=18):
        return self.words(count).capitalize() + "."

    def paragraph(self, sentences=6):
        return "<p>" + " ".join(self.sentence(self.random.randint(12, 24)) for _ in range(sentences)) + "</p>"

    def title(self):
        return f"{self.random.choice(TOPICS)} for {self.random.choice(DOMAINS)}"

    def name(self):
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

    def sample(self, population, low, high):
        return self.random.sample(population, self.random.randint(low, min(high, len(population))))


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def article_body(text, images):
    """About 600 to 1,100 words: headings, paragraphs, a figure, and some code, equations, callouts and quotes."""
    r = text.random
    body = [block("callout", {"kind": "tldr", "text": text.paragraph(2)})]
    for section in range(r.randint(2, 3)):
        body.append(block("heading", {"text": text.sentence(5)[:-1], "level": "h2"}))
        body.extend(block("paragraph", text.paragraph(r.randint(4, 7))) for _ in range(r.randint(1, 3)))
        if section == 0 and r.random() < 0.8:
            image = r.choice(images)
            body.append(block("image", {"image": image, "alt_text": "", "caption": text.sentence(8), "credit": ""}))
        if r.random() < 0.3:
            body.append(block("code", {"language": "python", "filename": "run.py", "code": "import torch\n" * 8}))
        if r.random() < 0.3:
            body.append(block("equation", {"latex": r"y = \mathrm{round}(x / s) \cdot s", "mode": "display"}))
        if r.random() < 0.2:
            body.append(block("quote", {"text": text.sentence(12), "attribution": text.name()}))
    return body


def new_image(number, seed):
    r = random.Random(seed * 1000 + number)  # noqa: S311
    picture = Image.new("RGB", IMAGE_SIZE, tuple(r.randrange(40, 220) for _ in range(3)))
    draw = ImageDraw.Draw(picture)
    for _ in range(40):  # shapes, so that the JPEG and its renditions have realistic sizes
        x, y = r.randrange(IMAGE_SIZE[0]), r.randrange(IMAGE_SIZE[1])
        size = r.randrange(40, 300)
        draw.ellipse((x, y, x + size, y + size), fill=tuple(r.randrange(256) for _ in range(3)))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return LabImage.objects.create(
        title=f"Figure {number}",
        description=f"Result figure {number}",
        file=ContentFile(buffer.getvalue(), name=f"bench-figure-{number}.jpg"),
    )


def common(seed):
    """What both datasets share: images and their renditions, the home page's hero image and body, tags."""
    started = time.monotonic()
    images = [new_image(number, seed) for number in range(1, IMAGES + 1)]
    log(f"{len(images)} images", started)
    renditions = 0
    for image in LabImage.objects.all():
        for spec in RENDITION_FILTERS:
            image.get_rendition(spec)
            renditions += 1
    log(f"{renditions} renditions ({', '.join(RENDITION_FILTERS)})", started)

    text = Text(seed)
    home = HomePage.objects.get()
    posts = list(BlogPostPage.objects.live().order_by("-date")[:4])
    body = [
        block("heading", {"text": "What we work on", "level": "h2"}),
        block("paragraph", text.paragraph(5)),
        block("image", {"image": images[0].pk, "alt_text": "Overview", "caption": text.sentence(8), "credit": ""}),
        block("callout", {"kind": "note", "text": text.paragraph(2)}),
        block("quote", {"text": text.sentence(14), "attribution": "Song Han"}),
        block("code", {"language": "bash", "filename": "", "code": "pip install awq"}),
        block("equation", {"latex": r"E = \sum_i w_i x_i", "mode": "display"}),
        block("embed", {"url": "https://www.youtube.com/watch?v=3dYLj9vjfA0", "caption": "A talk"}),
        block("table", {"caption": "Speed-ups", "table": {"first_row_is_table_header": True, "data": [
            ["Model", "Speed-up"], ["Llama-3-8B", "3.1x"], ["Qwen-2.5-7B", "2.9x"]]}}),
        block("link_buttons", {"buttons": [{"kind": "code", "url": "https://github.com/mit-han-lab", "label": ""}]}),
        block("gallery", {"caption": "Demos", "images": [
            {"image": image.pk, "alt_text": image.title, "caption": ""} for image in images[1:5]]}),
        *(block("featured_page", {"page": post.pk, "label": ""}) for post in posts),
        block("paragraph", text.paragraph(4)),
    ]  # fmt: skip
    home.hero_image = images[0]
    home.body = body
    home.save_revision().publish()
    log(f"home page: hero image and a body of {len(body)} blocks", started)

    existing = set(Tag.objects.filter(slug__in=TAGS).values_list("slug", flat=True))  # the lab's own tags too
    Tag.objects.bulk_create([Tag(name=slug, slug=slug) for slug in TAGS if slug not in existing])
    log(f"{len(TAGS)} tags", started)


def insert_pages(parent, model, items):
    """Bulk-insert pages of `model` as the last children of `parent`. items: (title, slug, date, specific fields)."""
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    pages = []
    for title, slug, date, _ in items:
        step += 1
        published = timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                url_path=f"{parent.url_path}{slug}/",
                path=Page._get_path(parent.path, parent.depth + 1, step),
                depth=parent.depth + 1,
                numchild=0,
                first_published_at=published,
                last_published_at=published,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                show_in_menus=False,
            )
        )
    Page.objects.bulk_create(pages, batch_size=BATCH)
    specific = [model(page_ptr_id=page.pk, **fields) for page, (*_, fields) in zip(pages, items, strict=True)]
    local_fields = model._meta.local_concrete_fields
    for start in range(0, len(specific), BATCH):
        model._base_manager._insert(specific[start : start + BATCH], fields=local_fields, using=connection.alias)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return [page.pk for page in pages]


def insert_m2m(model, field_name, pairs):
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    through.objects.bulk_create([through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH)


def items(seed, blog, news, projects):
    """Every item draws from its own random generator (seeded with the seed, its kind and its number), so item n is
    the same in every dataset: the newest 20 posts of the small dataset are those of the large one."""
    started = time.monotonic()
    areas = list(ResearchAreaPage.objects.order_by("pk").values_list("pk", flat=True))
    images = list(LabImage.objects.filter(title__startswith="Figure ").order_by("pk").values_list("pk", flat=True))
    tags = dict(Tag.objects.filter(slug__in=TAGS).order_by("slug").values_list("slug", "pk"))
    assert images and tags, "run `python -m bench.generate common` first"

    def texts(kind, count):
        return [(number, Text(f"{seed}:{kind}:{number}")) for number in range(1, count + 1)]

    # Projects
    rows, related = [], []
    for number, text in texts("project", projects):
        r = text.random
        fields = {
            "short_name": f"BENCH-{number}",
            "summary": text.sentence(30),
            "year": r.randint(2016, 2026),
            "github_repo": f"mit-han-lab/bench-{number}",
            "github_stars": r.choice([0, 50, 300, 800, 1500, 4000]),
            "body": [block("paragraph", text.paragraph(4))],
        }
        rows.append((f"{text.title()} ({number})", f"bench-project-{number}", NEWEST, fields))
        links = text.sample(["paper", "code", "demo", "video"], 1, 3)
        paper = {"venue_short": r.choice(VENUES), "year": fields["year"], "abstract": text.paragraph(3)}
        authors = [text.name() for _ in range(r.randint(1, 5))]
        related.append((links, authors, text.sample(areas, 1, 2), (text.title(), paper)))
    project_ids = insert_pages(ProjectIndexPage.objects.get(), ProjectPage, rows)
    pairs = list(zip(project_ids, related, strict=True))
    ProjectLink.objects.bulk_create(
        [
            ProjectLink(page_id=pk, kind=kind, url=f"https://example.org/{pk}/{kind}", sort_order=order)
            for pk, (links, *_) in pairs
            for order, kind in enumerate(links)
        ],
        batch_size=BATCH,
    )
    insert_m2m(ProjectPage, "research_areas", [(pk, a) for pk, (_, _, chosen, _) in pairs for a in chosen])
    # Each project's paper: a publication linked to it, with its authors (a project holds no paper of its own).
    paper_rows = [
        (title, f"bench-paper-{number}", NEWEST, paper)
        for number, (_, (_, _, _, (title, paper))) in enumerate(pairs, start=1)
    ]
    paper_ids = insert_pages(PublicationIndexPage.objects.get(), PublicationPage, paper_rows)
    PublicationAuthor.objects.bulk_create(
        [
            PublicationAuthor(page_id=paper_pk, name=name, sort_order=order)
            for paper_pk, (_, (_, names, _, _)) in zip(paper_ids, pairs, strict=True)
            for order, name in enumerate(names)
        ],
        batch_size=BATCH,
    )
    insert_m2m(PublicationPage, "projects", [(paper, pk) for paper, (pk, _) in zip(paper_ids, pairs, strict=True)])
    all_projects = list(ProjectPage.objects.order_by("pk").values_list("pk", flat=True))
    log(f"{projects} projects, each with a publication", started)

    # Blog posts, newest first: about two days apart
    rows, related = [], []
    for number, text in texts("post", blog):
        r = text.random
        title = f"{text.title()}: part {number}"
        date = NEWEST - datetime.timedelta(days=number * 2)
        fields = {
            "date": date,
            "summary": " ".join(text.sentence() for _ in range(2)),
            "hero_image_id": r.choice(images) if r.random() < 0.9 else None,
            "body": article_body(text, images),
        }
        rows.append((title, f"{slugify(title)}-{number}", date, fields))
        names = [text.name() for _ in range(r.randint(1, 4))]
        related.append(
            (names, text.sample(list(tags), 1, 4), text.sample(areas, 1, 2), text.sample(all_projects, 0, 2))
        )
    post_ids = insert_pages(BlogIndexPage.objects.get(), BlogPostPage, rows)
    pairs = list(zip(post_ids, related, strict=True))
    BlogPostAuthor.objects.bulk_create(
        [
            BlogPostAuthor(page_id=pk, name=name, sort_order=order)
            for pk, (names, _, _, _) in pairs
            for order, name in enumerate(names)
        ],
        batch_size=BATCH,
    )
    BlogPostTag.objects.bulk_create(
        [BlogPostTag(content_object_id=pk, tag_id=tags[slug]) for pk, (_, slugs, _, _) in pairs for slug in slugs],
        batch_size=BATCH,
    )
    insert_m2m(BlogPostPage, "research_areas", [(pk, a) for pk, (_, _, chosen, _) in pairs for a in chosen])
    insert_m2m(BlogPostPage, "projects", [(pk, p) for pk, (_, _, _, chosen) in pairs for p in chosen])
    log(f"{blog} blog posts", started)

    # News items: about three a day
    rows, related = [], []
    for number, text in texts("news", news):
        r = text.random
        kind = r.choice(KINDS)
        date = NEWEST - datetime.timedelta(days=number // 3)
        fields = {
            "date": date,
            "kind": kind,
            "venue": r.choice(VENUES) if kind == NewsKind.PAPER else "",
            "body": [block("paragraph", text.paragraph(2))],
        }
        rows.append((text.sentence(10)[:-1], f"news-{number}", date, fields))
        labels = text.sample(list(LinkLabel.values), 1, 3)
        related.append((labels, text.sample(areas, 0, 2), text.sample(all_projects, 0, 1)))
    news_ids = insert_pages(NewsIndexPage.objects.get(), NewsPage, rows)
    pairs = list(zip(news_ids, related, strict=True))
    NewsLink.objects.bulk_create(
        [
            NewsLink(page_id=pk, label=label, url=f"https://example.org/news/{pk}/{order}", sort_order=order)
            for pk, (labels, _, _) in pairs
            for order, label in enumerate(labels)
        ],
        batch_size=BATCH,
    )
    insert_m2m(NewsPage, "research_areas", [(pk, a) for pk, (_, chosen, _) in pairs for a in chosen])
    insert_m2m(NewsPage, "projects", [(pk, p) for pk, (_, _, chosen) in pairs for p in chosen])
    log(f"{news} news items", started)

    check_tree([ProjectPage, PublicationPage, BlogPostPage, NewsPage])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics for the planner, as autovacuum would compute them later
    log(f"tree checked, {Page.objects.count()} pages in all; ANALYZE done", started)


def check_tree(models):
    """treebeard's invariants, as `Page.find_problems()` checks them (it runs several queries per page: over a minute
    here), plus Wagtail's url_path and every page's specific row, from one read of the whole tree."""
    rows = list(Page.objects.values_list("path", "depth", "numchild", "slug", "url_path"))
    by_path = {path: (depth, numchild, slug, url_path) for path, depth, numchild, slug, url_path in rows}
    children, problems = {}, []
    valid = re.compile(rf"^(?:[{Page.alphabet}]{{{Page.steplen}}})+$")
    for path, depth, _, slug, url_path in rows:
        parent = path[: -Page.steplen]
        if not valid.match(path) or depth != len(path) // Page.steplen:
            problems.append(f"{path}: path characters, length or depth")
        elif depth > 1 and parent not in by_path:
            problems.append(f"{path}: orphan")
        elif depth > 2 and url_path != f"{by_path[parent][3]}{slug}/":
            problems.append(f"{path}: url_path {url_path}")
        children[parent] = children.get(parent, 0) + 1
    problems += [
        f"{path}: numchild {numchild}, children {children.get(path, 0)}"
        for path, (_, numchild, _, _) in by_path.items()
        if numchild != children.get(path, 0)
    ]
    for model in models:
        content_type = ContentType.objects.get_for_model(model)
        missing = Page.objects.filter(content_type=content_type).exclude(pk__in=model.objects.values("pk"))
        if count := missing.count():
            problems.append(f"{count} {model.__name__} pages without their specific row")
    if problems:
        sys.exit("the page tree is inconsistent after the bulk insert:\n" + "\n".join(problems[:20]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["common", "items"])
    parser.add_argument("--blog", type=int, default=2000)
    parser.add_argument("--news", type=int, default=10000)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    with transaction.atomic():
        if args.step == "common":
            common(args.seed)
        else:
            items(args.seed, args.blog, args.news, args.projects)


if __name__ == "__main__":
    main()
