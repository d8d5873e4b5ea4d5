"""Two app servers, one PostgreSQL, one Redis: a publish on one is seen at once on the other."""

import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from tests.factories import make_article, make_issue
from tests.test_production import BASE_DIR, manage, production_env

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server"),
    pytest.mark.django_db(transaction=True),
]
REDIS_DB = 13


def free_port():
    with socket.create_server(("127.0.0.1", 0)) as server:
        return server.getsockname()[1]


def start_server(env):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--access-logfile", "/dev/null"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"{base}/health/", timeout=5)
            return process, base
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("the app server did not start")


class Browser:
    """Cookies and CSRF tokens, as a browser keeps them."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url):
        with self.opener.open(url, timeout=15) as response:
            return response.read().decode()

    def post(self, url, fields):
        page = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}, doseq=True)
        request = urllib.request.Request(url, data=data.encode(), headers={"Referer": url})
        with self.opener.open(request, timeout=15) as response:
            return response.read().decode()


def test_a_publish_on_one_server_is_seen_at_once_on_the_other(tmp_path, django_user_model):
    redis.Redis(db=REDIS_DB).flushdb()
    editor_account = django_user_model.objects.create_superuser("editor", "", None)
    # The servers run the production settings, whose hashers the tests' fast one is not among.
    editor_account.password = PBKDF2PasswordHasher().encode("a-long-password-1", "saltsaltsalt")
    editor_account.save()
    issue = make_issue(published=False, title_zh_hans="两台服务器之间的一期")
    make_article(issue=issue, published=False)
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    env = production_env(
        DATABASE_URL=f"postgres://{db['USER']}@{host}:{port}/{db['NAME']}",
        REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        PAGE_CACHE_SECONDS="300",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    assert manage("collectstatic", "--no-input", env=env).returncode == 0
    first, first_url = start_server(env)
    second, second_url = start_server(env)
    try:
        reader = Browser()
        assert "两台服务器之间的一期" not in reader.get(f"{second_url}/zh-hans/")
        assert "两台服务器之间的一期" not in reader.get(f"{second_url}/zh-hans/")  # now cached

        editor = Browser()
        landing = editor.post(
            f"{first_url}/zh-hans/admin/login/?next=/zh-hans/admin/",
            {"username": "editor", "password": "a-long-password-1"},
        )
        assert 'id="logout-form"' in landing
        editor.post(
            f"{first_url}/zh-hans/admin/newsletters/issue/",
            {"action": "publish_now", "_selected_action": [issue.pk]},
        )

        issue.refresh_from_db()
        assert issue.is_published, "the publish through the first server's admin failed"
        assert "两台服务器之间的一期" in reader.get(f"{second_url}/zh-hans/")
    finally:
        for process in (first, second):
            process.terminate()
            process.wait(timeout=10)
        redis.Redis(db=REDIS_DB).flushdb()
