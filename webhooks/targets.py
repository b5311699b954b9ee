"""Where a webhook may be sent: never to this machine or its private network, unless that host is allowed.

An endpoint's URL is written by an admin, and the delivery log shows what the receiver answered: a URL such as
http://127.0.0.1:6379/ or http://169.254.169.254/ would turn the CMS into a proxy onto internal services. So:

- when an endpoint is saved, `check_url` refuses a URL whose host is an internal IP literal or a localhost name;
- when a delivery is sent, `resolve` looks the host up and refuses it if any of its addresses is internal, and
  `opener` connects to exactly those vetted addresses (a second lookup could answer differently: DNS rebinding),
  through no proxy and following no redirect.

Hosts listed in `WEBHOOK_ALLOWED_INTERNAL_HOSTS` (development, tests) skip both checks.
"""

import functools
import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

LOCALHOST_NAMES = ("localhost", "localhost.localdomain")


class RefusedTarget(Exception):
    """A URL a webhook may not be sent to; the message says why, for the admin form and the delivery log."""


def _kind(address):
    """Why an address is internal ("loopback", ...), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    # Most specific first: Python counts loopback, link-local and unspecified addresses as private too.
    for kind in ("loopback", "link_local", "unspecified", "multicast", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    # Neither private nor global, e.g. 100.64.0.0/10 (carrier-grade NAT).
    return None if address.is_global else "non-public"


def _host(url):
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    if not host:
        raise RefusedTarget("The URL has no host.")
    return host.rstrip(".").lower()


def _allowed(host):
    return host in {item.strip("[]").lower() for item in settings.WEBHOOK_ALLOWED_INTERNAL_HOSTS}


def _refusal(host, address, kind):
    shown = host if host == str(address) else f"{host} ({address})"
    article = "an" if kind[0] in "aeiou" else "a"
    return RefusedTarget(
        f"Webhooks may not be sent to {shown}: it is {article} {kind} address. "
        "Use a public address, or list the host in WEBHOOK_ALLOWED_INTERNAL_HOSTS."
    )


def check_url(url):
    """Refuse an internal IP literal or a localhost name, without a DNS lookup (`resolve` does that when sending)."""
    host = _host(url)
    if _allowed(host):
        return
    if host in LOCALHOST_NAMES or host.endswith(".localhost"):
        raise _refusal(host, host, "loopback")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return
    if kind := _kind(address):
        raise _refusal(host, address, kind)


def resolve(url):
    """The addresses to connect to for `url`, all of them public (or the host allowed); else RefusedTarget."""
    host = _host(url)
    port = urlsplit(url).port or (443 if url.lower().startswith("https:") else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise RefusedTarget(f"Could not resolve {host}: {error}") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not _allowed(host):
        for address in addresses:
            if kind := _kind(ipaddress.ip_address(address.split("%")[0])):
                raise _refusal(host, address, kind)
    return addresses


def _connect_to(addresses, address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """Like socket.create_connection, but to the vetted addresses instead of a fresh lookup of the host."""
    error = None
    for candidate in addresses:
        try:
            return socket.create_connection((candidate, address[1]), timeout, source_address)
        except OSError as exc:
            error = exc
    raise error


class _PinnedMixin:
    """Open connections to the vetted addresses; TLS still checks the certificate against the URL's host name."""

    def __init__(self, addresses, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.addresses = addresses

    def do_open(self, http_class, req, **kwargs):
        def connection(host, **connection_kwargs):
            conn = http_class(host, **connection_kwargs)
            conn._create_connection = functools.partial(_connect_to, self.addresses)
            return conn

        return super().do_open(connection, req, **kwargs)


class _PinnedHTTPHandler(_PinnedMixin, urllib.request.HTTPHandler):
    pass


class _PinnedHTTPSHandler(_PinnedMixin, urllib.request.HTTPSHandler):
    pass


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: a POST must not silently turn into a GET elsewhere, nor reach an internal address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def opener(addresses):
    """A urllib opener that connects only to `addresses`, through no proxy, following no redirect."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _NoRedirects,
        _PinnedHTTPHandler(addresses),
        _PinnedHTTPSHandler(addresses),
    )
