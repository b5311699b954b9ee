"""The requests the benchmark sends, built from the reference frontend's own GraphQL documents.

Importing this module needs Django's settings to be importable (tests.frontend_documents reads BASE_DIR) but not
the app registry, so the driver can use it without setting Django up.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from tests.frontend_documents import frontend_operation

FLOOR_PATH = "/bench/floor/"
# The blog card's fields (frontend/src/graphql/fragments/cards.graphql, BlogPostCardFields), through REST API v2.
REST_FIELDS = "date,summary,reading_time,tags,authors,research_areas,hero_image_320,hero_image_640"
REST_LISTING_PATH = f"/api/v2/pages/?type=blog.BlogPostPage&fields={REST_FIELDS}&order=-date&limit=20"
REST_STOCK_LISTING_PATH = REST_LISTING_PATH.replace("/pages/", "/stock-pages/")
WORST_QUERY_PATH = Path(__file__).with_name("worst_query.graphql")
LISTING_VARIABLES = {"perPage": 20}
HOME_VARIABLES = {"urlPath": "/"}
PER_PAGE = LISTING_VARIABLES["perPage"]


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: dict = field(default_factory=dict)
    expect: str = ""  # a correct answer: "floor", "rest-listing", "graphql-listing", "graphql-home", "graphql-data"
    prime: "Request | None" = None  # sent once before measuring, after the cache was emptied

    def check(self, status, body):
        """None when the response is a correct answer to this request, else what is wrong with it."""
        if status != 200:
            return f"status {status}"
        try:
            data = json.loads(body)
        except ValueError:
            return "not JSON"
        if self.expect == "floor":
            return None if data == {"data": {"floor": True}} else "unexpected floor body"
        if self.expect == "rest-listing":
            return None if len(data.get("items", [])) == PER_PAGE else f"REST listing without {PER_PAGE} items"
        if data.get("errors"):
            return f"GraphQL errors: {data['errors']}"
        if self.expect == "graphql-listing":
            items = data["data"]["blogPosts"]["items"]
            return None if len(items) == PER_PAGE else f"GraphQL listing with {len(items)} items"
        if self.expect == "graphql-home":
            return None if data["data"]["page"]["__typename"] == "HomePage" else "no home page"
        if self.expect == "graphql-data":
            return None if data.get("data") else "no data"
        return None

    @property
    def request_line_bytes(self):
        return len(f"{self.method} {self.path} HTTP/1.1".encode())


JSON_HEADERS = {"Accept": "application/json"}


def graphql_post(operation, variables, expect):
    payload = {"query": frontend_operation(operation), "variables": variables, "operationName": operation}
    body = json.dumps(payload, separators=(",", ":")).encode()
    headers = {**JSON_HEADERS, "Content-Type": "application/json"}
    return Request("POST", "/graphql/", body, headers, expect)


def graphql_get(operation, variables, expect):
    """A cached GET as a client sends it: by persisted-query hash (Apollo's protocol), so the URL stays short.

    The full document would not fit: the home page's query makes a 4.5 kB URL, over gunicorn's 4,094-byte request
    line. `prime` registers the hash once, by POST, as a client does after its first `PersistedQueryNotFound`.
    """
    query = frontend_operation(operation)
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}
    parameters = {
        "operationName": operation,
        "variables": json.dumps(variables, separators=(",", ":")),
        "extensions": json.dumps(extensions, separators=(",", ":")),
    }
    prime = graphql_post(operation, variables, expect)
    prime.body = json.dumps({**json.loads(prime.body), "extensions": extensions}, separators=(",", ":")).encode()
    return Request("GET", f"/graphql/?{urlencode(parameters)}", None, dict(JSON_HEADERS), expect, prime)


def worst_query(path=WORST_QUERY_PATH):
    """The heaviest document the API's limits accept, by POST: its latency and SQL count are what the cost model
    bounds (issue 12: at most 150 SQL queries and 1 s on the large dataset)."""
    body = json.dumps({"query": Path(path).read_text()}, separators=(",", ":")).encode()
    headers = {**JSON_HEADERS, "Content-Type": "application/json"}
    return Request("POST", "/graphql/", body, headers, "graphql-data")


def requests(worst_query_path=WORST_QUERY_PATH):
    """Every request the benchmark measures, by name."""
    return {
        "worst": worst_query(worst_query_path),
        "floor": Request("GET", FLOOR_PATH, headers=dict(JSON_HEADERS), expect="floor"),
        "rest": Request("GET", REST_LISTING_PATH, headers=dict(JSON_HEADERS), expect="rest-listing"),
        "rest-stock": Request("GET", REST_STOCK_LISTING_PATH, headers=dict(JSON_HEADERS), expect="rest-listing"),
        "listing-post": graphql_post("BlogPostList", LISTING_VARIABLES, "graphql-listing"),
        "listing-get": graphql_get("BlogPostList", LISTING_VARIABLES, "graphql-listing"),
        "home-post": graphql_post("HomePageData", HOME_VARIABLES, "graphql-home"),
        "home-get": graphql_get("HomePageData", HOME_VARIABLES, "graphql-home"),
    }
