"""`manage.py refresh_github_stars`: each project's GitHub star count, from GitHub's REST API.

For every project with a `github_repo` (least recently refreshed first, so a run cut short by the rate limit is
continued by the next one), it asks `GET {GITHUB_API_URL}/repos/{owner}/{repo}` and stores `stargazers_count` and the
time in `github_stars` and `github_stars_refreshed_at`.

- Token: `GITHUB_TOKEN` from the environment, sent as `Authorization: Bearer ...` (without one GitHub allows 60
  requests an hour per address; with one, 5,000).
- Rate limits: after every response it reads `X-RateLimit-Remaining` and `X-RateLimit-Reset`; when none are left it
  stops and says when they reset. A 403 or 429 with `Retry-After` (GitHub's secondary limit) is waited out once if
  the wait is at most `--max-wait` seconds, else the run stops there. Projects not reached are reported.
- A failure (not found, server error, timeout, a response without a count) keeps the last known count, is reported
  with its reason, and the run goes on.
- The count is written to the page's row only (no revision, no publish); `ProjectPage.with_content_json` keeps it
  when an older draft is published later.

Exits with status 1 when any project failed or was not reached, so a scheduler notices.
"""

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import requests
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import F
from django.utils import timezone

from core.events import announce_bulk_change
from research.models import ProjectPage

DEFAULT_API_URL = "https://api.github.com"
TIMEOUT_SECONDS = 10


def api_url():
    url = getattr(settings, "GITHUB_API_URL", None) or os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL
    return url.rstrip("/")


class RateLimited(Exception):
    """GitHub will answer no more requests for now; `message` says until when."""


@dataclass
class Outcome:
    stars: int | None = None
    error: str = ""


def _header_int(response, name):
    try:
        return int(response.headers.get(name, ""))
    except ValueError:
        return None


def _reset_time(response):
    reset = _header_int(response, "X-RateLimit-Reset")
    if reset is None:
        return "later"
    moment = timezone.localtime(datetime.fromtimestamp(reset, tz=UTC))
    return f"at {moment:%Y-%m-%d %H:%M %Z}"


class GitHubClient:
    def __init__(self, base_url, token=None, max_wait=60, sleep=time.sleep):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers.update(
            {
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "labcms-refresh-github-stars",
            }
        )
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.max_wait = max_wait
        self.sleep = sleep
        self.exhausted = None  # set to a message once the primary rate limit is used up

    def stars(self, repo):
        """The repository's star count, an error message, or RateLimited when no more requests may be made."""
        if self.exhausted:
            raise RateLimited(self.exhausted)
        response = self._get(f"{self.base_url}/repos/{repo}")
        waited = False
        while response.status_code in (403, 429):
            retry_after = _header_int(response, "Retry-After")
            remaining = _header_int(response, "X-RateLimit-Remaining")
            if retry_after is not None:
                if waited or retry_after > self.max_wait:
                    raise RateLimited(f"GitHub asked to wait {retry_after} seconds (secondary rate limit)")
                self.sleep(retry_after)
                waited = True
                response = self._get(f"{self.base_url}/repos/{repo}")
                continue
            if remaining == 0:
                raise RateLimited(f"the rate limit is used up; it resets {_reset_time(response)}")
            return Outcome(error=f"GitHub refused the request ({response.status_code}): {_message(response)}")
        if _header_int(response, "X-RateLimit-Remaining") == 0:
            self.exhausted = f"the rate limit is used up; it resets {_reset_time(response)}"
        if response.status_code == 404:
            return Outcome(error="not found on GitHub (renamed, deleted or private?)")
        if response.status_code != 200:
            return Outcome(error=f"GitHub answered {response.status_code}: {_message(response)}")
        try:
            count = response.json()["stargazers_count"]
        except (ValueError, KeyError, TypeError):
            return Outcome(error="GitHub's answer has no stargazers_count")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            return Outcome(error=f"GitHub's stargazers_count is not a count: {count!r}")
        return Outcome(stars=count)

    def _get(self, url):
        return self.session.get(url, timeout=TIMEOUT_SECONDS)


def _message(response):
    try:
        message = response.json().get("message", "")
    except (ValueError, AttributeError):
        message = ""
    return message or response.reason or "no reason given"


class Command(BaseCommand):
    help = "Refresh the GitHub star counts of projects with a github_repo, from GitHub's REST API."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-wait",
            type=int,
            default=60,
            help="Seconds to wait out a Retry-After before giving up (default 60).",
        )

    def handle(self, *args, max_wait, **options):
        client = GitHubClient(api_url(), token=os.environ.get("GITHUB_TOKEN") or None, max_wait=max_wait)
        stale_first = F("github_stars_refreshed_at").asc(nulls_first=True)
        projects = list(ProjectPage.objects.exclude(github_repo="").order_by(stale_first, "pk"))
        refreshed, failed, not_reached, updated = 0, [], [], []
        stopped = ""
        for index, project in enumerate(projects):
            try:
                outcome = client.stars(project.github_repo)
            except RateLimited as limit:
                stopped = str(limit)
                not_reached = projects[index:]
                break
            except requests.RequestException as error:
                outcome = Outcome(error=f"no answer from GitHub ({type(error).__name__})")
            if outcome.error:
                failed.append(project)
                last = f"keeps {project.github_stars}" if project.github_stars is not None else "has no count yet"
                self.stdout.write(self.style.ERROR(f"{project.github_repo}: {outcome.error}; {last}."))
                continue
            ProjectPage.objects.filter(pk=project.pk).update(
                github_stars=outcome.stars, github_stars_refreshed_at=timezone.now()
            )
            refreshed += 1
            updated.append(project.pk)
            change = "" if project.github_stars == outcome.stars else f" (was {project.github_stars})"
            self.stdout.write(f"{project.github_repo}: {outcome.stars} stars{change}.")
        announce_bulk_change(ProjectPage, updated)  # update() sends no signal: the cache and webhooks hear it here
        if stopped:
            names = ", ".join(project.github_repo for project in not_reached)
            self.stdout.write(self.style.WARNING(f"Stopped: {stopped}. Not refreshed: {names}."))
        summary = f"{refreshed} refreshed, {len(failed)} failed, {len(not_reached)} not reached, of {len(projects)}."
        if failed or not_reached:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
