"""Publication feeds (RSS and Atom): all, per project and per person, public pages only, frontend links."""

from tests.feeds.test_feeds import get_xml, rss_items

ATOM = "{http://www.w3.org/2005/Atom}"


def titles(root):
    return [item["title"] for item in rss_items(root)]


def test_feeds_per_project_and_person(client, lab):
    lab["papers"]["tinychat"].unpublish()
    _, root = get_xml(client, "/feeds/publications/rss/")
    assert titles(root) == ["AWQ: Activation-aware Weight Quantization", "Efficient Streaming Language Models"]
    (first, _) = rss_items(root)
    assert first["link"] == "http://frontend.test/publications/awq/"
    _, root = get_xml(client, "/feeds/publications/project/AWQ/rss/")
    assert titles(root) == ["AWQ: Activation-aware Weight Quantization"]
    _, root = get_xml(client, "/feeds/publications/person/song-han/atom/")
    assert [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")] == [
        "AWQ: Activation-aware Weight Quantization", "Efficient Streaming Language Models",
    ]  # fmt: skip
    assert root.findtext(f"{ATOM}title").endswith("Publications: Song Han")
    assert client.get("/feeds/publications/person/hidden/rss/").status_code == 404
    assert client.get("/feeds/publications/project/nothing/rss/").status_code == 404
