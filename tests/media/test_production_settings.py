"""The media settings of cms.settings.production: checked at start, and clean under `check --deploy`."""

from tests.test_settings import run_manage

DEPLOY = {"SECRET_KEY": "k" * 30 + "Q9!z" * 10, "ALLOWED_HOSTS": "lab.example.org"}


def test_production_refuses_an_unknown_media_serve_method():
    result = run_manage("check", MEDIA_SERVE="apache", **DEPLOY)
    assert result.returncode != 0
    assert 'MEDIA_SERVE must be "django" or "nginx"' in result.stderr


def test_production_refuses_a_relative_accel_redirect_prefix():
    result = run_manage("check", MEDIA_SERVE="nginx", MEDIA_ACCEL_REDIRECT_PREFIX="protected", **DEPLOY)
    assert result.returncode != 0
    assert "MEDIA_ACCEL_REDIRECT_PREFIX must be an absolute path" in result.stderr


def test_the_nginx_layout_passes_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", MEDIA_SERVE="nginx", **DEPLOY)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
