"""SQL queries per page, counted in-process with Django's test client; prints them as JSON.

Run by bench/run.py with the benchmark's environment (its database, production settings).
Each page is asked for twice and the second request counted: the steady state a server
worker is in, after the first request has filled its per-process caches.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import PAGES  # noqa: E402


def main():
    client = Client(SERVER_NAME="127.0.0.1")
    counts, failures = {}, []
    for name, path in PAGES:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            failures.append(f"{path} answered {response.status_code}")
        counts[name] = len(captured)
    json.dump({"queries": counts, "failures": failures}, sys.stdout)


if __name__ == "__main__":
    main()
