"""Scheduled publishing without cron: a periodic job of the task worker, which queues its own next run."""

import datetime

from django.utils import timezone

from blog.factories import BlogPostPageFactory
from blog.models import BlogPostPage
from core.periodic import run_command, schedule_all, waiting_runs


def test_the_worker_queues_each_job_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule_all() == ["publish_scheduled", "deliver_webhooks"]
        assert schedule_all() == []  # a second worker, or a restart, adds none
    assert waiting_runs().count() == 2


def test_a_run_publishes_what_is_due_and_queues_the_next_a_minute_later(site_tree, django_capture_on_commit_callbacks):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="scheduled", live=False)
    revision = post.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(seconds=5))
    post.refresh_from_db()
    assert not post.live and revision.approved_go_live_at is not None
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_command.call("publish_scheduled") == "publish_scheduled"
    assert BlogPostPage.objects.get(pk=post.pk).live
    [next_run] = waiting_runs("publish_scheduled")
    assert (
        before + datetime.timedelta(seconds=59) < next_run.run_after < timezone.now() + datetime.timedelta(seconds=61)
    )
