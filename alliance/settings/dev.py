"""Local development: DEBUG on, SQLite under var/, a secret key generated once and kept there."""

import os
import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR, env_bool

DEBUG = env_bool("DEBUG", True)


def _local_secret_key():
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
