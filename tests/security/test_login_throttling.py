"""django-axes in front of every password: the admin login and Wagtail's page passwords, through their real views."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from wagtail.models import PageViewRestriction

LOGIN = "/admin/login/"
PASSWORD = "the-right-password-42"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_superuser=True, is_staff=True)


def sign_in(client, password, username="editor"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def lock_out(client, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, f"wrong-{attempt}")
    return response


def test_the_admin_login_locks_after_repeated_wrong_passwords(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, f"wrong-{attempt}")
        assert response.status_code == 200  # the form again, with its error
    response = sign_in(client, "wrong-last")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert f"After {settings.AXES_FAILURE_LIMIT} wrong passwords" in html
    assert "0:15:00" in html  # the cool-off the user has to wait


def test_the_right_password_is_refused_while_locked_out(client, editor, settings):
    lock_out(client, settings)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still signed out


def test_the_lock_is_per_username_and_address(client, editor, django_user_model, settings):
    django_user_model.objects.create_user("other", password=PASSWORD, is_superuser=True, is_staff=True)
    lock_out(client, settings)
    assert sign_in(client, PASSWORD, username="other").status_code == 302
    from_elsewhere = client.post(
        LOGIN, {"username": "editor", "password": PASSWORD, "next": "/admin/"}, REMOTE_ADDR="192.0.2.7"
    )
    assert from_elsewhere.status_code == 302


def test_the_unlock_command_lets_the_user_sign_in_again(client, editor, settings):
    lock_out(client, settings)
    assert AccessAttempt.objects.filter(username="editor").exists()
    call_command("axes_reset_username", "editor")
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_success_before_the_limit_starts_the_count_again(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, f"wrong-{attempt}")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "wrong-again").status_code == 200


def test_page_passwords_are_throttled_like_logins(client, site_tree, settings):
    page = site_tree["blog"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="page-secret"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(url, {"password": f"wrong-{attempt}", "return_url": "/"}).status_code == 200
    assert client.post(url, {"password": "wrong-last", "return_url": "/"}).status_code == 429
    assert client.post(url, {"password": "page-secret", "return_url": "/"}).status_code == 429

    call_command("axes_reset_username", f"page-password:{restriction.pk}")
    assert client.post(url, {"password": "page-secret", "return_url": "/"}).status_code == 302


def test_the_test_clients_login_still_works(client, editor):
    assert client.login(username="editor", password=PASSWORD)
    assert client.get("/admin/").status_code == 200
