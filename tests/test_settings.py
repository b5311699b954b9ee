import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "PATH": os.environ["PATH"],
}


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="lab.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_deploy_check_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 30 + "Q9!z" * 10,
        ALLOWED_HOSTS="lab.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_postgresql_gets_the_connect_timeout_from_the_environment():
    result = subprocess.run(
        [sys.executable, "-c", "from cms.settings import base; print(base.DATABASES['default']['OPTIONS'])"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], "DATABASE_URL": "postgres://u@db.example.org/lab", "DB_CONNECT_TIMEOUT": "3"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "'connect_timeout': 3" in result.stdout
