"""Publishing real pages sends signed deliveries to a real HTTP receiver; failures are retried with backoff."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory
from research.factories import ResearchAreaPageFactory
from webhooks import delivery as sender
from webhooks import signing
from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

from .conftest import SECRET


@pytest.fixture
def post(site_tree):
    area = ResearchAreaPageFactory(parent=site_tree["research"], slug="efficient-llm", title="Efficient LLM")
    page = BlogPostPageFactory(parent=site_tree["blog"], slug="awq", title="AWQ")
    page.research_areas.set([area])
    page.save_revision().publish()  # before any endpoint exists: no delivery
    NewsPageFactory(parent=site_tree["news"], slug="awq-out", related_blog_post=page)
    return page


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def test_publishing_a_blog_post_posts_a_signed_payload_with_the_affected_paths(
    post, endpoint, receiver, django_capture_on_commit_callbacks
):
    post.title = "AWQ, revised"
    publish(post, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert (delivery.attempts, delivery.last_status_code, delivery.last_error) == (1, 200, "")
    assert delivery.next_attempt_at is None and delivery.delivered_at is not None

    [request] = receiver.requests
    assert request["answered"] == 200  # the receiver verified the signature
    payload = request["payload"]
    assert payload["event"] == "page.published"
    assert payload["object"] == {"type": "blog.BlogPostPage", "id": post.pk, "title": "AWQ, revised"}
    assert payload["url_path"] == "/blog/awq/"
    assert payload["affected"] == ["/blog/awq/", "/blog/", "/", "/research/efficient-llm/", "/news/awq-out/", "/news/"]
    assert payload["site_wide"] is False
    assert payload["id"] == str(delivery.event_id)
    assert datetime.datetime.fromisoformat(payload["occurred_at"]) <= timezone.now()
    assert request["headers"]["X-Labcms-Event"] == "page.published"
    assert request["headers"]["X-Labcms-Delivery"] == str(delivery.pk)
    assert request["headers"]["Content-Type"] == "application/json"


def test_the_signature_is_an_hmac_of_timestamp_and_exact_body(
    post, endpoint, receiver, django_capture_on_commit_callbacks
):
    publish(post, django_capture_on_commit_callbacks)
    [request] = receiver.requests
    header = request["headers"]["X-Labcms-Signature"]
    timestamp, [signature] = signing.parse(header)
    assert abs(timestamp - timezone.now().timestamp()) < 10
    assert signature == signing.compute(SECRET, timestamp, request["body"])
    assert signing.verify(SECRET, header, request["body"]) == timestamp
    with pytest.raises(signing.InvalidSignature):
        signing.verify("another-secret-0123456789", header, request["body"])
    with pytest.raises(signing.InvalidSignature):
        signing.verify(SECRET, header, request["body"].replace(b"awq", b"xxx"))


def test_a_publish_news_item_affects_news_and_home(site_tree, endpoint, receiver, django_capture_on_commit_callbacks):
    area = ResearchAreaPageFactory(parent=site_tree["research"], slug="tinyml")
    item = NewsPageFactory(parent=site_tree["news"], slug="tinyml-award")
    item.research_areas.set([area])
    publish(item, django_capture_on_commit_callbacks)
    [request] = receiver.requests
    assert request["payload"]["object"]["type"] == "news.NewsPage"
    assert request["payload"]["affected"] == ["/news/tinyml-award/", "/news/", "/", "/research/tinyml/"]


def test_nothing_is_sent_before_the_commit_and_nothing_at_all_after_a_rollback(
    post, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post.save_revision().publish()
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING
    assert receiver.requests == []
    assert [callback.func.__module__ for callback in callbacks].count("webhooks.delivery") == 1

    WebhookDelivery.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        post.save_revision().publish()
        raise RuntimeError("the editor's transaction fails")
    assert not WebhookDelivery.objects.exists()


def test_a_500_is_retried_later_with_backoff_and_then_succeeds(
    post, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [500]
    before = timezone.now()
    publish(post, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert (delivery.attempts, delivery.last_status_code) == (1, 500)
    assert delivery.last_error.startswith("HTTP 500")
    wait = delivery.next_attempt_at - before
    assert datetime.timedelta(seconds=59) < wait < datetime.timedelta(seconds=75)

    call_command("deliver_webhooks")  # not due yet: nothing sent
    assert len(receiver.requests) == 1

    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    call_command("deliver_webhooks")
    delivery.refresh_from_db()
    assert [request["answered"] for request in receiver.requests] == [500, 200]
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert (delivery.attempts, delivery.last_status_code, delivery.last_error) == (2, 200, "")
    # Each attempt is signed afresh, with the same body.
    assert receiver.requests[0]["body"] == receiver.requests[1]["body"]


def test_backoff_grows_then_the_delivery_fails_for_good(
    post, endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_MAX_ATTEMPTS = 6
    receiver.statuses = [503] * 6
    publish(post, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    waits = []
    while delivery.status == DeliveryStatus.PENDING:
        waits.append(round((delivery.next_attempt_at - delivery.updated_at).total_seconds()))
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        sender.deliver_due()
        delivery.refresh_from_db()
    assert waits == [60, 300, 1800, 7200, 43200]
    assert delivery.status == DeliveryStatus.FAILED
    assert (delivery.attempts, delivery.last_status_code, delivery.next_attempt_at) == (6, 503, None)
    assert len(receiver.requests) == 6


def test_a_wrong_secret_is_refused_by_the_receiver_and_retried(
    post, endpoint, receiver, django_capture_on_commit_callbacks
):
    endpoint.secret = "not-the-receivers-secret-123"
    endpoint.save()
    publish(post, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.PENDING, 401)


def test_an_unreachable_or_slow_receiver_is_an_error_not_a_crash(
    post, endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_TIMEOUT = 0.3
    receiver.delay = 1
    publish(post, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and delivery.last_status_code is None
    assert "timed out" in delivery.last_error.lower()

    receiver.delay = 0
    receiver.stop()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    sender.deliver_due()
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.status) == (2, DeliveryStatus.PENDING)
    assert delivery.last_error.startswith("Could not connect")


def test_a_delivery_is_sent_by_one_sender_only(post, endpoint, receiver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        post.save_revision().publish()
    delivery = WebhookDelivery.objects.get()
    assert sender.claim(delivery.pk) is True
    assert sender.claim(delivery.pk) is False  # another sender holds the lease
    assert sender.deliver(delivery.pk) is None
    assert receiver.requests == []


def test_endpoints_get_only_the_events_they_chose_and_inactive_ones_nothing(
    post, endpoint, receiver, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(name="Off", url=receiver.url, secret=SECRET, active=False)
    only_unpublish = WebhookEndpoint.objects.create(
        name="Unpublish only", url=receiver.url, secret=SECRET, events=["page.unpublished"]
    )
    publish(post, django_capture_on_commit_callbacks)
    assert list(WebhookDelivery.objects.values_list("endpoint__name", "event")) == [("Frontend", "page.published")]
    with django_capture_on_commit_callbacks(execute=True):
        post.unpublish()
    assert set(WebhookDelivery.objects.filter(event="page.unpublished").values_list("endpoint", flat=True)) == {
        endpoint.pk,
        only_unpublish.pk,
    }


def test_a_redirect_is_not_followed(post, endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.statuses = [302]
    publish(post, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.PENDING, 302)
    assert len(receiver.requests) == 1


def test_the_command_reports_and_prunes(post, endpoint, receiver, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=False):
        post.save_revision().publish()
    old = WebhookDelivery.objects.create(
        endpoint=endpoint, event="page.published", payload={}, status=DeliveryStatus.SUCCEEDED, next_attempt_at=None
    )
    WebhookDelivery.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    call_command("deliver_webhooks", "--prune-days", "30")
    out = capsys.readouterr().out
    assert "Pruned 1 old deliveries." in out
    assert "Sent 1 deliveries: 1 succeeded, 0 to retry, 0 failed." in out
    assert json.loads(receiver.requests[0]["body"])["event"] == "page.published"
