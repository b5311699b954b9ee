"""Site-wide protections that belong to no one app: see docs/security.md.

- `client_ip`: the address django-axes locks out, correct behind a reverse proxy.
- `throttle_password_form`: page and document passwords (Wagtail's view restrictions) are checked by a form, not by
  `authenticate`, so axes does not see them; this wrapper records their failures with axes and refuses while locked.
- `PathCSPMiddleware`: django-csp's middleware, with a strict policy for API paths.
"""

import functools

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth.signals import user_login_failed


def client_ip(request):
    """The client's address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the address the outermost
    one saw (X-Forwarded-For entries further left are written by the client and cannot be trusted)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [item.strip() for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if item.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def throttle_password_form(view, kind):
    """Wrap Wagtail's password-restriction view: each wrong password is a failed login for the username
    "<kind>:<restriction id>", so axes' limit, cool-off, lockout page and reset commands apply to it."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        restriction_id = kwargs.get("page_view_restriction_id", kwargs.get("restriction_id"))
        credentials = {settings.AXES_USERNAME_FORM_FIELD: f"{kind}:{restriction_id}"}
        if request.method != "POST":
            return view(request, *args, **kwargs)
        if not AxesProxyHandler.is_allowed(request, credentials):
            return get_lockout_response(request, credentials=credentials)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:  # the form again: the password was wrong (a right one redirects)
            user_login_failed.send(sender=view, credentials=credentials, request=request)
        return response

    return wrapped


class PathCSPMiddleware(CSPMiddleware):
    """The configured policy everywhere, but `CSP_API_DIRECTIVES` under `CSP_API_PATHS` (JSON is never rendered)."""

    def get_policy_parts(self, request, response, report_only=False):
        if not report_only and request.path_info.startswith(tuple(settings.CSP_API_PATHS)):
            return PolicyParts(config=settings.CSP_API_DIRECTIVES)
        return super().get_policy_parts(request, response, report_only)
