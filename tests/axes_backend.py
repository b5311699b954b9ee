"""The test settings' first authentication backend."""

from axes.backends import AxesStandaloneBackend


class AxesBackendAllowingClientLogin(AxesStandaloneBackend):
    """Django's test `Client.login()` calls `authenticate()` without a request, which axes refuses; such a call is
    let through to the next backend. Every login through a view passes its request and is throttled as in
    production."""

    def authenticate(self, request, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
