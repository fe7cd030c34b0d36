"""The security baseline: deploy checks, headers, error pages and the health check."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import DatabaseError
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def kring(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the ``kring`` command in a fresh process with exactly these environment variables."""
    return python("-m", "kring.cli", *args, env=env)


def python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run Python in a fresh process with exactly these environment variables."""
    return subprocess.run(  # noqa: S603 - our own code, with arguments written in this file
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def without_kring_settings() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("KRING_")}


def test_it_passes_the_deploy_checks_with_production_settings(tmp_path):
    env = without_kring_settings() | {
        "KRING_SECRET_KEY": "a-production-like-secret-key-with-plenty-of-entropy-9f8e7d6c5b4a3210",
        "KRING_ALLOWED_HOSTS": "kring.example.org",
        "KRING_VAR_DIR": str(tmp_path),
    }
    if os.environ.get("KRING_DATABASE_URL"):
        env["KRING_DATABASE_URL"] = os.environ["KRING_DATABASE_URL"]
    result = kring("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = kring("check", env=without_kring_settings() | {"KRING_ALLOWED_HOSTS": "x.org"})
    assert result.returncode != 0
    assert "KRING_SECRET_KEY" in result.stderr


def test_it_refuses_a_misspelt_boolean_setting():
    result = kring("check", env=dict(os.environ) | {"KRING_REQUIRE_MFA": "ja"})
    assert result.returncode != 0
    assert "KRING_REQUIRE_MFA" in result.stderr


def postgres_options(url: str, **extra: str) -> str:
    """The connection options Kring's settings make of this database URL (read in a fresh process)."""
    env = without_kring_settings() | {"KRING_DEBUG": "1", "KRING_DATABASE_URL": url, **extra}
    read = "from kring import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))"
    result = python("-c", read, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_runs_without_jit_and_keeps_the_options_the_operator_gave():
    assert postgres_options("postgres://k@db/kring") == "{'options': '-c jit=off'}"
    given = postgres_options("postgres://k@db/kring?options=-c%20statement_timeout%3D5000")
    assert given == "{'options': '-c statement_timeout=5000 -c jit=off'}"
    # Behind PgBouncer (no startup options): off in the database instead, none on the connection.
    assert postgres_options("postgres://k@db/kring", KRING_POSTGRES_JIT_OPTION="0") == "{}"


def test_it_sends_a_strict_content_security_policy(world, login):
    response = login(world.worker).get(reverse("clients:caseload"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_renders_no_inline_scripts_or_styles(world, login):
    body = login(world.worker).get(reverse("clients:caseload")).content.decode()
    assert "<script>" not in body
    assert "style=" not in body
    assert "<style" not in body


def test_it_answers_the_health_check_without_login(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_it_answers_503_on_the_health_check_when_the_database_is_gone(client, db, monkeypatch):
    import kring.views

    class Unreachable:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(kring.views, "connection", Unreachable())
    assert client.get("/healthz").status_code == 503


def test_it_shows_a_dutch_404_page_without_details(world, login):
    response = login(world.worker).get("/bestaat-niet/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in body
    assert "Traceback" not in body


def test_it_shows_a_dutch_500_page_without_a_stack_trace(world, login, settings):
    from django.urls import path

    def boom(request):
        raise RuntimeError("geheime details")

    import kring.urls

    settings.ROOT_URLCONF = type(
        "urls",
        (),
        {
            "urlpatterns": [*kring.urls.urlpatterns, path("boem/", boom)],
            "handler404": kring.urls.handler404,
            "handler500": kring.urls.handler500,
        },
    )
    browser = login(world.worker)
    browser.raise_request_exception = False
    response = browser.get("/boem/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in body
    assert "geheime details" not in body
