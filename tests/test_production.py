"""Production configuration and resilience, tested against real processes and services."""

import contextlib
import gzip
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse

from alliance.middleware import CompressTextMiddleware
from tests.factories import make_event

BASE_DIR = Path(settings.BASE_DIR)


def production_env(**extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alliance.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "observer.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    env.update(extra)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )


def test_production_settings_pass_the_deployment_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_settings(missing):
    env = production_env()
    del env[missing]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_without_inline_scripts(client):
    policy = client.get("/zh-hans/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/zh-hans/", "/en/events/calendar.ics"])
def test_pages_and_feeds_are_gzipped_for_clients_that_ask(client, path):
    make_event()
    plain = client.get(path)
    compressed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    # The page's own ETag, weak once compressed, still answers a conditional request.
    assert compressed["ETag"] == f"W/{plain['ETag']}"
    again = client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    "content_type, compressed",
    [
        ("text/html; charset=utf-8", True),
        ("text/calendar; charset=utf-8", True),
        ("application/rss+xml; charset=utf-8", True),
        ("image/svg+xml", True),
        ("image/jpeg", False),
        ("image/webp", False),
        ("application/pdf", False),
    ],
)
def test_only_text_is_compressed(rf, content_type, compressed):
    """Pictures and documents are compressed already: gzipping them again costs time for
    nothing."""
    middleware = CompressTextMiddleware(lambda request: HttpResponse(b"a" * 5000, content_type))
    response = middleware(rf.get("/", HTTP_ACCEPT_ENCODING="gzip"))
    assert (response.get("Content-Encoding") == "gzip") is compressed


@pytest.mark.django_db
def test_health_reports_database_and_cache(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_health_checks_a_real_redis(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    assert client.get("/health/").json()["cache"] == "ok"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["cache"].startswith("error")


class TcpForwarder:
    """A switchable TCP path to the database, to take it away and give it back."""

    def __init__(self, target):
        self.target = target
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.open = True
        self.connections = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()

    def cut(self):
        self.open = False
        for end in self.connections:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
        self.connections = []

    def restore(self):
        self.open = True

    def close(self):
        self.server.close()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server")
@pytest.mark.django_db(transaction=True)
def test_without_the_database_pages_answer_503_and_recover_by_themselves(tmp_path):
    db = connection.settings_dict
    forwarder = TcpForwarder((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    port = socket.create_server(("127.0.0.1", 0)).getsockname()[1]
    env = production_env(
        DATABASE_URL=f"postgres://{db['USER']}@127.0.0.1:{forwarder.port}/{db['NAME']}",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        CONN_MAX_AGE="60",
        PAGE_CACHE_SECONDS="0",  # every request must reach the database
        STATIC_ROOT=str(tmp_path / "static"),
    )
    collected = manage("collectstatic", "--no-input", env=env)
    assert collected.returncode == 0, collected.stderr
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--access-logfile", "/dev/null"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/zh-hans/archive/"
    try:
        for _attempt in range(100):
            try:
                status, _headers, _body = fetch(url)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        assert status == 200

        forwarder.cut()
        status, headers, body = fetch(url)
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert "Traceback" not in body and "Back in a moment" in body

        forwarder.restore()
        status, _headers, _body = fetch(url)
        assert status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
        forwarder.close()
