import datetime

import factory
import wagtail_factories

from .models import NewsIndexPage, NewsKind, NewsPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    kind = NewsKind.ANNOUNCEMENT
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Something happened.</p>"}])

    class Meta:
        model = NewsPage
