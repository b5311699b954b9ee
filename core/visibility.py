"""What the public API may show. Every public resolver funnels its pages through here."""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page


def public_pages(queryset=None):
    """Live, not view-restricted, not past their expiry, and not the tree's root."""
    queryset = Page.objects.all() if queryset is None else queryset
    return (
        queryset.live().public().filter(depth__gt=1).filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    )


def not_expired(page):
    return page.expire_at is None or page.expire_at > timezone.now()


def is_public(page):
    """The single-object form of `public_pages`, for foreign keys and chooser blocks."""
    if page is None or not page.live or page.depth <= 1 or not not_expired(page):
        return False
    return not page.get_view_restrictions().exists()


def public_or_none(page):
    return page.specific if is_public(page) else None
