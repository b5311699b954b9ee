"""Content-Security-Policy: the admin's policy on admin pages, a strict one on the API's JSON."""

import json


def test_the_admin_login_page_has_the_admin_policy(client, db):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-src 'self' http" in policy  # the preview panel frames the frontend


def test_the_api_has_a_strict_policy(client, db):
    response = client.post("/graphql/", json.dumps({"query": "{ __typename }"}), content_type="application/json")
    assert response.status_code == 200
    directives = set(response["Content-Security-Policy"].split("; "))
    assert directives == {"default-src 'none'", "frame-ancestors 'none'"}


def test_the_dashboard_loads_for_a_signed_in_editor(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
    assert 'id="wagtail-sidebar"' in response.content.decode()
