"""The news form names its two project fields apart: the projects it is listed under, and the one it announces."""


def test_the_news_form_labels_related_and_announced_projects(admin_client, site_tree):
    html = admin_client.get(f"/admin/pages/add/news/newspage/{site_tree['news'].pk}/").content.decode()
    assert "Related projects" in html and "Announced project" in html
    assert ">Projects<" not in html and ">Project<" not in html
