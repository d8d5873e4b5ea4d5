"""Settings shared by every environment; all that varies is read from the environment here."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Local state (the SQLite database, uploads, the dev secret key) lives in one git-ignored folder.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so that its translation tabs take effect
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "reversion",
    "reversion_compare",
    "csp",
    "easy_thumbnails",
    "alliance",
    "partnerships",
    "newsletters",
    "events",
]

MIDDLEWARE = [
    # First: a cached page leaves with the headers every middleware below gave it.
    "alliance.page_cache.PublicPageCacheMiddleware",
    # Above ConditionalGet, whose ETag is then that of the page itself, whatever its encoding.
    "alliance.middleware.CompressTextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "alliance.middleware.DatabaseUnavailableMiddleware",
    "alliance.middleware.RejectNulCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "alliance.urls"
WSGI_APPLICATION = "alliance.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alliance.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["alliance.db_routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: it is the journal's language of record; English falls back to it.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("zh-hans",)}
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads. What a file may be (kind, bytes, pixels) is checked by the fields' validators in
# alliance/uploads.py, which answer with a form error. Django keeps an upload of up to
# FILE_UPLOAD_MAX_MEMORY_SIZE in memory and streams a larger one to a temporary file, so a 50 MB
# report never sits in a worker's memory. DATA_UPLOAD_MAX_MEMORY_SIZE counts a form's text
# without its files: an article's body in two languages fits with room to spare.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880  # 5 MB

# Renditions: easy-thumbnails makes each size a page shows from an uploaded image the first time
# a page asks for it and keeps it under media/renditions/; pages never send the original. The
# widths suit the 44rem text column on a high-density screen; og is the size Open Graph asks of a
# link preview.
THUMBNAIL_ALIASES = {
    "": {
        "article": {"size": (960, 0)},
        "cover": {"size": (1200, 0)},
        "speaker": {"size": (240, 240), "crop": True},
        "logo": {"size": (160, 160)},
        "og": {"size": (1200, 630), "crop": True},
    }
}
THUMBNAIL_BASEDIR = "renditions"
# A PNG (a logo, a chart) stays lossless; a photograph becomes JPEG. Pages offer WebP first.
THUMBNAIL_PRESERVE_EXTENSIONS = ("png",)
# Only Pillow reads the originals: SVG is refused at upload and never parsed.
THUMBNAIL_SOURCE_GENERATORS = ("easy_thumbnails.source_generators.pil_image",)

LOGIN_URL = "admin:login"

# Where the loader finds the journal's content.
CONTENT_DIR = BASE_DIR / "content"

SITE_NAME = _("Green BRI Observer")
SITE_PUBLISHER = _(
    "Secretariat of the Belt and Road Initiative International Green Development Coalition"
)

# modeltranslation's translation tabs need jQuery UI; serve our own copy, never a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"

# Media in S3-compatible object storage when a bucket is named, so that no app server keeps
# anything on its own disk that another would need (pip install ".[s3]").
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False

# How long an anonymous visitor's page may be served from the cache at most (0: never).
# Changes to the content clear it at once; see alliance/page_cache.py.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

# Redis when REDIS_URL is set (shared by every app server), local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "alliance.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "observer"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Every script comes from the site itself: no inline scripts, no other hosts. Inline styles
# stay allowed for the admin's widgets; images may be data: URLs (the editor's previews).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
