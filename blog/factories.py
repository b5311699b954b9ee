import datetime

import factory
import wagtail_factories

from .models import BlogIndexPage, BlogPostAuthor, BlogPostPage


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"

    class Meta:
        model = BlogIndexPage


class BlogPostPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Blog post {n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    summary = factory.Faker("sentence")
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>" + "word " * 460 + "</p>"}])

    class Meta:
        model = BlogPostPage
        skip_postgeneration_save = True

    @factory.post_generation
    def author_names(page, create, names, **kwargs):
        for name in names or ["Song Han"]:
            page.authors.add(BlogPostAuthor(name=name))
        if create:
            page.save()

    @factory.post_generation
    def tag_names(page, create, names, **kwargs):
        if names:
            page.tags.add(*names)
            if create:
                page.save()
