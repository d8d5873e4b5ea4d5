"""`make bench`: the site's pages under load, as production serves them, in one table.

1. A fresh PostgreSQL database (green_bri_bench, dropped and made again), migrated, with the
   real 2019 archive; SQL queries per page counted; the large synthetic archive generated
   (manage.py generate_archive); queries counted again.
2. gunicorn as in production (gunicorn -c gunicorn.conf.py, production settings) on loopback,
   once with the page cache off and once with it on, and a reference server under the same
   gunicorn settings answering constant bytes from a minimal Django view (bench/reference/).
3. wrk loads each page in turn, then all pages mixed at high concurrency.

It prints the table, writes it to var/bench/latest.txt and checks the targets. The exit status
is 1 when any response under load failed (a status of 400 or more, a socket error or timeout),
0 otherwise; a missed target is reported, not fatal. The servers are stopped and the database
dropped at the end whatever happens (BENCH_KEEP=1 keeps the database).

Environment (defaults in brackets):
  DATABASE_URL              the PostgreSQL server to use [postgres://postgres@127.0.0.1:5432/postgres]
  BENCH_REDIS_URL           a Redis database the benchmark may flush [redis://127.0.0.1:6379/12]
  BENCH_SECONDS             load per page and server [10]
  BENCH_WARMUP_SECONDS      load before each measurement, not counted [2]
  BENCH_CONNECTIONS         concurrent connections per page [16]
  BENCH_THREADS             wrk threads [2]
  BENCH_ACCEPT_ENCODING     the Accept-Encoding every request sends, as browsers and calendar
                            clients do; empty for none [gzip, deflate, br]
  BENCH_MIXED_SECONDS       the mixed run on the cached server, as production runs; 0 skips it [60]
  BENCH_MIXED_CONNECTIONS   concurrent connections of the mixed run [64]
  BENCH_MIXED_UNCACHED      1 runs it on the uncached server too
  BENCH_SCALE               size of the large archive, 1 = about twenty years [1]
  PAGE_CACHE_SECONDS        the cached server's page cache [300]
  BENCH_KEEP                1 keeps the database afterwards
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import PAGES  # noqa: E402

BIN = Path(sys.executable).parent
DATABASE_NAME = "green_bri_bench"
REPORT = ROOT / "var" / "bench" / "latest.txt"
# wrk gives up on a response after 2 s by default; gunicorn's own limit is fairer.
WRK_TIMEOUT = "30s"
UNCACHED_TARGETS = {
    # page name: the least uncached req/s, as a fraction of the reference's
    "article": 0.10,
    "issue": 0.10,
    "home": 0.06,
    "calendar month": 0.06,
}
CACHED_TARGET = 0.5
SEARCH_P99_TARGET_MS = 100
SEARCH_PAGES = [name for name, _ in PAGES if name.startswith("search")]


def setting(name, default):
    return type(default)(os.environ.get(name) or default)


SECONDS = setting("BENCH_SECONDS", 10)
ACCEPT_ENCODING = os.environ.get("BENCH_ACCEPT_ENCODING", "gzip, deflate, br")
WARMUP_SECONDS = setting("BENCH_WARMUP_SECONDS", 2)
CONNECTIONS = setting("BENCH_CONNECTIONS", 16)
THREADS = setting("BENCH_THREADS", 2)
MIXED_SECONDS = setting("BENCH_MIXED_SECONDS", 60)
MIXED_CONNECTIONS = setting("BENCH_MIXED_CONNECTIONS", 64)
MIXED_UNCACHED = os.environ.get("BENCH_MIXED_UNCACHED") == "1"
SCALE = setting("BENCH_SCALE", 1.0)
PAGE_CACHE_SECONDS = setting("PAGE_CACHE_SECONDS", 300)
REDIS_URL = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/12"
KEEP = os.environ.get("BENCH_KEEP") == "1"


def say(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# wrk


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("wrk is missing: installing Debian's package")
        quiet = {"stdout": subprocess.DEVNULL, "check": True}
        apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], env=apt_env, **quiet)
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "wrk"], **quiet)
        if shutil.which("wrk"):
            return
    sys.exit(
        "The benchmark needs wrk, an HTTP load generator. Install it and run again:\n"
        "  sudo apt-get update && sudo apt-get install -y wrk     (Debian, Ubuntu)\n"
        "  brew install wrk                                       (macOS)"
    )


@dataclass
class Load:
    """What wrk measured: throughput, latency, and what went wrong."""

    requests: int
    rps: float
    p50_ms: float | None  # None: no request finished within the run
    p99_ms: float | None
    bad_status: int
    socket_errors: int

    @property
    def errors(self):
        return self.bad_status + self.socket_errors


def milliseconds(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}[unit]


def parse_wrk(output):
    def number(pattern, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        if match is None:
            if default is None:
                raise RuntimeError(f"Unexpected output from wrk:\n{output}")
            return default
        return match

    p50, p99 = number(r"^\s*50%\s+([\d.]+)(us|ms|s|m|h)"), number(r"^\s*99%\s+([\d.]+)(\w+)")
    sockets = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = int(number(r"(\d+) requests in").group(1))
    return Load(
        requests=requests,
        rps=float(number(r"Requests/sec:\s+([\d.]+)").group(1)),
        p50_ms=milliseconds(*p50.groups()) if requests else None,
        p99_ms=milliseconds(*p99.groups()) if requests else None,
        bad_status=int(bad_status.group(1)) if bad_status else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
    )


def wrk(url, seconds, connections, script=None):
    command = [
        "wrk", "--threads", str(min(THREADS, connections)), "--connections", str(connections),
        "--duration", f"{seconds}s", "--timeout", WRK_TIMEOUT, "--latency",
    ]  # fmt: skip
    if ACCEPT_ENCODING:
        command += ["--header", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    if script:
        command += ["--script", str(script)]
    finished = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    return parse_wrk(finished.stdout)


MIXED_SCRIPT = """\
-- The benchmark's pages in turn; each thread starts at its own page.
local paths = {%s}
local next_offset = 0

function setup(thread)
  thread:set("offset", next_offset)
  next_offset = next_offset + 1
end

function init(args)
  requests = {}
  for i, path in ipairs(paths) do
    requests[i] = wrk.format("GET", path)
  end
  index = offset or 0
end

function request()
  index = index %% #requests + 1
  return requests[index]
end
"""


# Database, cache, Django


def database_urls():
    """The benchmark's database, and one on the same server to create and drop it from."""
    server = urlsplit(os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/")
    maintenance = server.path.strip("/") or "postgres"
    if maintenance == DATABASE_NAME:
        maintenance = "postgres"
    url = urlunsplit(server._replace(path=f"/{DATABASE_NAME}"))
    return url, urlunsplit(server._replace(path=f"/{maintenance}"))


def recreate_database(maintenance_url):
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def drop_database(maintenance_url):
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')


def flush_cache():
    redis.Redis.from_url(REDIS_URL).flushdb()


def manage(env, *arguments):
    started = time.monotonic()
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)
    return time.monotonic() - started


def count_queries(env):
    finished = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "count_queries.py")],
        cwd=ROOT,
        env={**env, "PAGE_CACHE_SECONDS": "0"},
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    result = json.loads(finished.stdout)
    if result["failures"]:
        raise RuntimeError("Pages failed in the test client: " + "; ".join(result["failures"]))
    return result["queries"]


# Servers


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with the project's gunicorn.conf.py on a loopback port. Its error log goes to
    var/bench/gunicorn-<name>.log, its access log (written, as in production) to `workdir`."""

    def __init__(self, name, env, workdir, app=None, ready_path="/health/"):
        self.name, self.port, self.ready_path = name, free_port(), ready_path
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = REPORT.parent / f"gunicorn-{name}.log"
        command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", *([app] if app else [])]
        env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_ACCESS_LOG": str(workdir / f"access-{name}.log"),
        }
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        try:
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The {self.name} server stopped; see {self.log}")
            try:
                with urllib.request.urlopen(self.url + self.ready_path, timeout=5):
                    return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.25)
        raise RuntimeError(f"The {self.name} server did not answer within {timeout} s")

    def wait_until_idle(self, timeout=300):
        """A sync worker finishes every request it took, even one whose client left: wait
        until a request to the ready path is answered at once again."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            started = time.monotonic()
            with urllib.request.urlopen(self.url + self.ready_path, timeout=timeout):
                if time.monotonic() - started < 0.5:
                    return
        raise RuntimeError(f"The {self.name} server was still busy after {timeout} s")

    def status(self, path):
        """The status of one plain GET, redirects not followed."""
        host, port = "127.0.0.1", self.port
        with socket.create_connection((host, port), timeout=60) as connection:
            connection.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
            first_line = connection.makefile("rb").readline().decode()
        return int(first_line.split()[1])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def measure(server, paths):
    """Each page: a warm-up (every worker renders it once, the cache fills), then the load,
    then a pause until the server has worked off what wrk left queued, before the next page."""
    results, failures = {}, []
    for name, path in paths:
        status = server.status(path)
        if status != 200:
            failures.append(f"{server.name}: {unquote(path)} answered {status}")
        if WARMUP_SECONDS:
            wrk(server.url + path, WARMUP_SECONDS, CONNECTIONS)
        results[name] = wrk(server.url + path, SECONDS, CONNECTIONS)
        load = results[name]
        say(
            f"{server.name:9} {name:22} {figure(load.rps):>6} req/s  p50 {figure(load.p50_ms):>5} "
            f"ms  p99 {figure(load.p99_ms):>5} ms  errors {load.errors}"
        )
        server.wait_until_idle()
    return results, failures


def mixed_run(server, script):
    load = wrk(server.url + "/", MIXED_SECONDS, MIXED_CONNECTIONS, script=script)
    say(f"{server.name} mixed: {load.requests} requests, {load.errors} errors")
    return load


# Report


def figure(value):
    if value is None:
        return "—"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def table(rows, header):
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells):
        padded = [
            str(cell).ljust(width) if i == 0 else str(cell).rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths))
        + "|"
    )
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def target_checks(reference, uncached, cached, queries_2019, queries_large):
    """(what, measured, met) for each target."""
    checks = []
    for name, _ in PAGES:
        ratio = cached[name].rps / reference.rps
        checks.append(
            (f"cached {name} ≥ {CACHED_TARGET} × ref", f"{ratio:.3f}", ratio >= CACHED_TARGET)
        )
    for name, least in UNCACHED_TARGETS.items():
        ratio = uncached[name].rps / reference.rps
        checks.append((f"uncached {name} ≥ {least} × ref", f"{ratio:.3f}", ratio >= least))
    for name in SEARCH_PAGES:
        p99 = uncached[name].p99_ms
        met = p99 is not None and p99 < SEARCH_P99_TARGET_MS
        checks.append(
            (f"uncached {name} p99 < {SEARCH_P99_TARGET_MS} ms", f"{figure(p99)} ms", met)
        )
    for name, _ in PAGES:
        counts = f"{queries_2019[name]} and {queries_large[name]}"
        checks.append(
            (
                f"{name}: same queries, 2019 and large",
                counts,
                queries_2019[name] == queries_large[name],
            )
        )
    return checks


def report(*, reference, uncached, cached, queries_2019, queries_large, mixed, facts):
    header = [
        "page", "req/s uncached", "p50 ms", "p99 ms", "req/s cached", "p50 ms", "p99 ms",
        "× ref uncached", "× ref cached", "queries 2019", "queries large",
    ]  # fmt: skip
    rows = []
    for name, _ in PAGES:
        u, c = uncached[name], cached[name]
        rows.append(
            [
                name, figure(u.rps), figure(u.p50_ms), figure(u.p99_ms),
                figure(c.rps), figure(c.p50_ms), figure(c.p99_ms),
                f"{u.rps / reference.rps:.3f}", f"{c.rps / reference.rps:.3f}",
                queries_2019[name], queries_large[name],
            ]
        )  # fmt: skip
    lines = [
        table(rows, header),
        "",
        f"reference (constant bytes from a minimal Django view, same gunicorn settings): "
        f"{figure(reference.rps)} req/s, p50 {figure(reference.p50_ms)} ms, "
        f"p99 {figure(reference.p99_ms)} ms",
        "",
        "Pages:",
        *(f"  {name:22} {unquote(path)}" for name, path in PAGES),
        "",
    ]
    if any(load.requests == 0 for load in [*uncached.values(), *cached.values()]):
        lines += [
            "— : no response finished within the run; under this load each takes longer "
            f"than its {SECONDS} s.",
            "",
        ]
    for name, load in mixed.items():
        lines.append(
            f"mixed pages, {name}, {MIXED_CONNECTIONS} connections for {MIXED_SECONDS} s: "
            f"{load.requests} requests ({figure(load.rps)} req/s, p99 {figure(load.p99_ms)} ms), "
            f"{load.bad_status} error responses, {load.socket_errors} socket errors"
        )
    checks = target_checks(reference, uncached, cached, queries_2019, queries_large)
    lines += ["", "Targets:"]
    width = max(len(check[0]) for check in checks)
    lines += [
        f"  {'met   ' if met else 'MISSED'} {what:{width}}  {value}" for what, value, met in checks
    ]
    lines += ["", *facts]
    return "\n".join(lines) + "\n"


# The run


def main():
    ensure_wrk()
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    database_url, maintenance_url = database_urls()
    workdir = Path(tempfile.mkdtemp(prefix="green-bri-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alliance.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "bench",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    servers, failures = [], []
    started, load_at_start = time.monotonic(), os.getloadavg()[0]
    try:
        say(f"database {DATABASE_NAME} on {urlsplit(database_url).hostname}, made afresh")
        recreate_database(maintenance_url)
        manage(env, "migrate", "--no-input", "-v", "0")
        # Before any page is rendered: production's static storage needs the manifest.
        manage(env, "collectstatic", "--no-input", "-v", "0")
        manage(env, "load_content")
        queries_2019 = count_queries(env)
        say(f"queries per page, 2019 archive: {queries_2019}")
        generation_seconds = manage(env, "generate_archive", "--scale", str(SCALE))
        queries_large = count_queries(env)
        say(f"queries per page, large archive: {queries_large}")

        reference_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.reference.settings"}
        servers.append(Server("reference", reference_env, workdir, "bench.reference.wsgi", "/"))
        reference_loads, reference_failures = measure(servers[-1], [("reference", "/")])
        reference = reference_loads["reference"]
        failures += reference_failures
        servers.pop().stop()

        script = workdir / "mixed.lua"
        paths = ", ".join(json.dumps(path) for _, path in PAGES)
        script.write_text(MIXED_SCRIPT % paths)
        runs, mixed = {}, {}
        for name, cache_seconds in (("uncached", 0), ("cached", PAGE_CACHE_SECONDS)):
            flush_cache()
            servers.append(Server(name, {**env, "PAGE_CACHE_SECONDS": str(cache_seconds)}, workdir))
            runs[name], run_failures = measure(servers[-1], PAGES)
            failures += run_failures
            if MIXED_SECONDS and (name == "cached" or MIXED_UNCACHED):
                mixed[f"{name} server"] = mixed_run(servers[-1], script)
            servers.pop().stop()

        for run_name, loads in [("reference", {"reference": reference}), *runs.items()]:
            for page, load in loads.items():
                if load.errors:
                    failures.append(
                        f"{run_name} {page}: {load.bad_status} error responses, "
                        f"{load.socket_errors} socket errors under load"
                    )
        for name, load in mixed.items():
            if load.errors:
                failures.append(f"mixed run, {name}: {load.errors} errors")

        workers = os.environ.get("GUNICORN_WORKERS") or f"{os.cpu_count() * 2 + 1} (2 × cores + 1)"
        facts = [
            f"Machine: {os.cpu_count()} cores, wrk, gunicorn, PostgreSQL and Redis all on it; "
            f"load average {load_at_start:.1f} before the run (anything else running skews the "
            f"figures).",
            f"gunicorn.conf.py: sync workers, {workers}; page cache {PAGE_CACHE_SECONDS} s "
            f"in Redis for the cached run, off for the uncached one.",
            f"wrk: {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s per page after "
            f"{WARMUP_SECONDS} s of warm-up; latency as wrk measures it (p50, p99); "
            f"Accept-Encoding: {ACCEPT_ENCODING or 'none'}.",
            f"Large archive: generate_archive --scale {SCALE} beside the 2019 archive, "
            f"made in {generation_seconds:.0f} s; queries counted in-process (test client).",
            f"Total time of the benchmark: {(time.monotonic() - started) / 60:.1f} min.",
        ]
        text = report(
            reference=reference,
            uncached=runs["uncached"],
            cached=runs["cached"],
            queries_2019=queries_2019,
            queries_large=queries_large,
            mixed=mixed,
            facts=facts,
        )
        if failures:
            text += "\nERRORS:\n" + "\n".join(f"  {failure}" for failure in failures) + "\n"
        REPORT.write_text(text)
        print()
        print(text)
        print(f"Written to {REPORT.relative_to(ROOT)}.")
    finally:
        for server in servers:
            server.stop()
        with contextlib.suppress(redis.RedisError):
            flush_cache()
        if KEEP:
            say(f"database {DATABASE_NAME} kept (BENCH_KEEP=1)")
        else:
            drop_database(maintenance_url)
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
