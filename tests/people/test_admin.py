"""The honors listing in the admin tells honors of the same title apart by their recipients."""

from people.factories import HonorFactory, PeopleIndexPageFactory, PersonPageFactory


def test_the_honors_listing_shows_recipients(admin_client, site_tree):
    team = PeopleIndexPageFactory(parent=site_tree["home"])
    for name in ("Ji Lin", "Haotian Tang"):
        honor = HonorFactory(title="NVIDIA Graduate Fellowship")
        honor.recipients.add(PersonPageFactory(parent=team, title=name))
        honor.save()
    html = admin_client.get("/admin/snippets/people/honor/").content.decode()
    assert "<th" in html and "Recipients" in html
    assert html.count("NVIDIA Graduate Fellowship") >= 2
    assert "Ji Lin" in html and "Haotian Tang" in html
