"""Newsroom settings: one file, every value from the environment (django-environ).

Development defaults are safe: with DEBUG=true a throwaway SECRET_KEY is used and the
database is the embedded server that `make run` starts. With DEBUG off (production),
SECRET_KEY and ALLOWED_HOSTS must be given, and the security settings switch on.

`make run` and `make test` set NEWSROOM_DEVELOPMENT=1: then the production-only variables
(DJANGO_ENV, DEBUG, ALLOWED_HOSTS, SECURE_*, the secure-cookie switches) are ignored
wherever they come from, the shell or a .env written for `make serve`, so trying the
production settings never breaks development. Everything else (DATABASE_URL, CACHE_URL…)
is honoured as always. NEWSROOM_ENV_FILE names another .env, or none when empty.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
ENV_FILE = os.environ.get("NEWSROOM_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE)

PRODUCTION_ONLY = {"DJANGO_ENV", "DEBUG", "ALLOWED_HOSTS", "CSRF_COOKIE_SECURE"}
if env.bool("NEWSROOM_DEVELOPMENT", default=False):
    for name in list(os.environ):
        if name in PRODUCTION_ONLY or name.startswith(("SECURE_", "SESSION_COOKIE_SECURE")):
            del os.environ[name]
    os.environ["DEBUG"] = "true"

DEBUG = env.bool("DEBUG", default=False)

# DJANGO_ENV=production states the intent, so a stray DEBUG=true is refused, not obeyed.
if env.str("DJANGO_ENV", default="") == "production" and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV is production.")

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-key")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG "
            "is off. For development, set DEBUG=true (make run does)."
        )

# Django settings, alphabetical.

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and (not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must name the site's host names when DEBUG is off (a wildcard lets "
        "anyone forge the host in password-reset links)."
    )

# Django's ModelBackend behind django-axes' lockout check (accounts/backends.py).
AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://newsroom")}
if "redis" in CACHES["default"]["BACKEND"].lower():
    # A Redis outage degrades to per-process memory instead of raising (newsroom/cache.py).
    CACHES["default"]["BACKEND"] = "newsroom.cache.ResilientRedisCache"

CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)

DATABASES = {
    # Without DATABASE_URL: the embedded server of `make run`, over its Unix socket.
    "default": env.db_url(
        "DATABASE_URL",
        default=f"postgres://postgres@/newsroom?host={BASE_DIR / 'var' / 'postgres'}",
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# An unreachable server fails fast into the 503 page instead of holding a worker.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
)
# A read replica of the primary: public pages read from it (newsroom/db_routers.py).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"].update(
        {key: DATABASES["default"][key] for key in ["CONN_MAX_AGE", "CONN_HEALTH_CHECKS"]}
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", DATABASES["default"]["OPTIONS"]["connect_timeout"]
    )
    # Tests read the replica as the test database itself; it is never created or migrated.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# Web requests (gunicorn's processes, marked by newsroom/wsgi.py) give up on a statement
# after NEWSROOM_WEB_STATEMENT_TIMEOUT seconds and on a lock wait after
# NEWSROOM_WEB_LOCK_TIMEOUT, enforced by the server; and on a server that does not answer at
# all, which enforces nothing, a second after the statement timeout, enforced by the client
# (newsroom/postgresql/). Either way the reader gets the 503 page, not a worker held until
# gunicorn kills it. Commands (migrate, imports, db_worker) are never bounded. 0: no bound.
NEWSROOM_WEB_PROCESS = env.bool("NEWSROOM_WEB_PROCESS", default=False)
NEWSROOM_WEB_STATEMENT_TIMEOUT = env.float("NEWSROOM_WEB_STATEMENT_TIMEOUT", default=5.0)
NEWSROOM_WEB_LOCK_TIMEOUT = env.float("NEWSROOM_WEB_LOCK_TIMEOUT", default=3.0)
for database in DATABASES.values():
    database["ENGINE"] = "newsroom.postgresql"
    if NEWSROOM_WEB_PROCESS:
        server_bounds = (
            f"-c statement_timeout={round(NEWSROOM_WEB_STATEMENT_TIMEOUT * 1000)} "
            f"-c lock_timeout={round(NEWSROOM_WEB_LOCK_TIMEOUT * 1000)}"
        )
        own = database["OPTIONS"].get("options")
        database["OPTIONS"]["options"] = f"{own} {server_bounds}" if own else server_bounds
        if NEWSROOM_WEB_STATEMENT_TIMEOUT:
            database["OPTIONS"]["reply_timeout"] = NEWSROOM_WEB_STATEMENT_TIMEOUT + 1

DATABASE_ROUTERS = ["newsroom.db_routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # For OpClass in the stories' trigram indexes (and PostgreSQL's own lookups).
    "django.contrib.postgres",
    "taggit",
    "newsroom",
    "articles",
    "ingest",
    "comments",
    "translation",
    "pictures",
    "accounts",
    "audit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
]

# Background work (moderators' digests, feed polling, machine drafts) goes through Django's
# tasks API. The database backend stores each task in PostgreSQL, in the same transaction as
# the change that asked for it; `manage.py db_worker` runs them (`make run` starts one, and
# deploy/newsroom-worker.service in production).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")

# Uploaded pictures: files under MEDIA_ROOT, served by nginx (runserver with DEBUG), unless
# MEDIA_S3_BUCKET puts them on object storage (STORAGES below).
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"

MIDDLEWARE = [
    # First: a load balancer's probe needs no host check, HTTPS redirect or session.
    "newsroom.health.HealthCheckMiddleware",
    # Sees every answer last: no page or feed carries a character XML cannot (text.py).
    "newsroom.middleware.XMLSafeOutputMiddleware",
    "newsroom.middleware.NulInAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Marks public requests, whose reads may go to the replica (newsroom/db_routers.py).
    "newsroom.db_routers.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)

# Readers' sessions (their own pending comments); staff sessions are shorter, see below.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
# "django.contrib.sessions.backends.cached_db" reads sessions from the cache (Redis with
# CACHE_URL) and still writes them to the database, so a cache restart logs nobody out.
SESSION_ENGINE = env.str("SESSION_ENGINE", default="django.contrib.sessions.backends.db")

STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    # Wire files uploaded in the admin, kept until the worker has imported them. Private:
    # outside MEDIA_ROOT (nothing serves this folder), or under imports/ in the bucket below,
    # which the bucket's public policy (pictures/* only) leaves unreadable to the world.
    "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(env.path("NEWSROOM_IMPORTS_ROOT", default=BASE_DIR / "var" / "imports"))
        },
    },
}
# Pictures on S3 or any S3-compatible store (django-storages), with the credentials boto3
# reads itself (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role).
if env.str("MEDIA_S3_BUCKET", default=""):
    media_domain = env.str("MEDIA_S3_CUSTOM_DOMAIN", default="")
    media_endpoint = env.str("MEDIA_S3_ENDPOINT_URL", default="")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("MEDIA_S3_BUCKET"),
            "endpoint_url": media_endpoint or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "custom_domain": media_domain or None,
            # Plain public addresses: a signed one would expire inside a cached page.
            "querystring_auth": False,
            # Each upload has a name of its own (pictures/models.py); none is ever replaced.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    # Where pages load the pictures from, for the Content-Security-Policy's img-src.
    if media_domain:
        media_origin = "https://" + media_domain.split("/")[0]
    elif media_endpoint:
        media_origin = "{0.scheme}://{0.netloc}".format(urlsplit(media_endpoint))
    else:
        media_origin = f"https://{STORAGES['default']['OPTIONS']['bucket_name']}.s3.amazonaws.com"
    STORAGES["imports"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("MEDIA_S3_BUCKET"),
            "endpoint_url": media_endpoint or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "location": "imports",
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
else:
    media_origin = ""

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
                "articles.context_processors.source_alerts",
            ],
        },
    },
]

TIME_ZONE = env.str("TIME_ZONE", default="UTC")

USE_I18N = True
USE_TZ = True

WSGI_APPLICATION = "newsroom.wsgi.application"

X_FRAME_OPTIONS = "DENY"

# django-axes: the admin login locks a username from an address after repeated failures;
# `manage.py axes_reset` (or axes_reset_username NAME) lifts every lock (docs in README).
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The same reading of X-Forwarded-For as the comment rate limit (NEWSROOM_COMMENTS_PROXY_HOPS).
AXES_CLIENT_IP_CALLABLE = "comments.abuse.client_ip"

# django-csp: nothing inline may run or style a page; JSON-LD is a data block, which CSP
# does not block, so pages need no nonce and stay cacheable.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [media_origin])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# django-otp: the issuer name authenticator apps show beside the code.
OTP_TOTP_ISSUER = env.str("NEWSROOM_SITE_NAME", default="Newsroom")

# django-taggit
TAGGIT_CASE_INSENSITIVE = True

# whitenoise: in development, serve straight from the app folders, no collectstatic.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# Newsroom
# Staff sessions end when the browser closes, and at the latest this many seconds after
# logging in (a working day), whatever the reader session age.
NEWSROOM_STAFF_SESSION_SECONDS = env.int("NEWSROOM_STAFF_SESSION_SECONDS", default=10 * 3600)
NEWSROOM_STAFF_SESSION_AT_BROWSER_CLOSE = env.bool(
    "NEWSROOM_STAFF_SESSION_AT_BROWSER_CLOSE", default=True
)
# Staff without a confirmed authenticator are sent to enrol before they can use the admin.
NEWSROOM_STAFF_REQUIRE_2FA = env.bool("NEWSROOM_STAFF_REQUIRE_2FA", default=False)
# Approval by someone other than the translator. Off only for a one-person desk.
NEWSROOM_FOUR_EYES = env.bool("NEWSROOM_FOUR_EYES", default=True)
# How long "being edited by X" shows after X opened a story.
NEWSROOM_EDIT_LOCK_MINUTES = 30
NEWSROOM_SITE_NAME = env.str("NEWSROOM_SITE_NAME", default="Newsroom")
NEWSROOM_PAGE_SIZE = 20
NEWSROOM_LATEST_POSTS = 5
# The largest file import_stories, the upload page or a feed poll reads; a larger one is
# refused, not truncated.
NEWSROOM_IMPORT_MAX_BYTES = env.int("NEWSROOM_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
# An upload's run that has made no progress for this long is taken for dead (its worker was
# killed): its page offers to resume it. One story takes well under a second.
NEWSROOM_IMPORT_STALL_SECONDS = env.int("NEWSROOM_IMPORT_STALL_SECONDS", default=300)
# HTML in an imported story (a body, a summary, a feed entry) nested deeper or with more
# elements than this is refused before it is sanitised: the sanitiser's time grows with the
# square of the nesting. Real wire copy nests a dozen levels and holds a few hundred elements.
NEWSROOM_IMPORT_MAX_HTML_DEPTH = env.int("NEWSROOM_IMPORT_MAX_HTML_DEPTH", default=200)
NEWSROOM_IMPORT_MAX_HTML_ELEMENTS = env.int("NEWSROOM_IMPORT_MAX_HTML_ELEMENTS", default=50_000)
# Lead pictures (pictures/validators.py): the largest file, the longest side in pixels, and
# the most pixels in all (kept under Pillow's decompression-bomb limit of 89 million).
NEWSROOM_PICTURE_MAX_BYTES = env.int("NEWSROOM_PICTURE_MAX_BYTES", default=10 * 1024 * 1024)
NEWSROOM_PICTURE_MAX_SIDE = env.int("NEWSROOM_PICTURE_MAX_SIDE", default=10_000)
NEWSROOM_PICTURE_MAX_PIXELS = env.int("NEWSROOM_PICTURE_MAX_PIXELS", default=50_000_000)
# poll_sources: seconds to wait for a feed to answer, and the hosts a feed may live on
# though they resolve to a private, loopback or link-local address (none: a feed URL or
# its redirect must not reach the intranet or the cloud's metadata service).
NEWSROOM_POLL_TIMEOUT = env.float("NEWSROOM_POLL_TIMEOUT", default=10.0)
NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS = env.list("NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS", default=[])
NEWSROOM_POLL_USER_AGENT = env.str("NEWSROOM_POLL_USER_AGENT", default="Newsroom feed poller")
# A file of CA certificates the poller trusts instead of certifi's (an intranet CA for an
# allowed private host); empty: certifi's.
NEWSROOM_POLL_CA_BUNDLE = env.str("NEWSROOM_POLL_CA_BUNDLE", default="")

# Reader comments. The moderation rules themselves are edited in the admin (CommentRules).
# One comment per IP address and per email in this many seconds, counted in the cache.
NEWSROOM_COMMENTS_RATE_SECONDS = env.int("NEWSROOM_COMMENTS_RATE_SECONDS", default=15)
# How long one moderator's regular expression may run on one comment before it is held.
NEWSROOM_COMMENTS_RULE_TIMEOUT = env.float("NEWSROOM_COMMENTS_RULE_TIMEOUT", default=0.05)
# A form sent back sooner than this after it was served was not typed by a person...
NEWSROOM_COMMENTS_MIN_SECONDS = env.int("NEWSROOM_COMMENTS_MIN_SECONDS", default=3)
# ...and one older than this has expired (a day: readers leave tabs open).
NEWSROOM_COMMENTS_FORM_MAX_AGE = env.int("NEWSROOM_COMMENTS_FORM_MAX_AGE", default=24 * 3600)
# IP addresses and user agents are for moderators, and cleared after this many days.
NEWSROOM_COMMENTS_KEEP_TRACES_DAYS = env.int("NEWSROOM_COMMENTS_KEEP_TRACES_DAYS", default=30)
# At most one mail to the moderators in this many minutes; it lists every new held comment.
NEWSROOM_COMMENTS_DIGEST_MINUTES = env.int("NEWSROOM_COMMENTS_DIGEST_MINUTES", default=15)
# How long the "remember me" cookie keeps a reader's name, email and website.
NEWSROOM_COMMENTS_REMEMBER_DAYS = 365
# Trust needs proof the reader reads their address (comments/confirmation.py): a mailed
# link, valid this many days, sent at most once per address in this many hours; it gives
# the browser a proof cookie kept this many days.
NEWSROOM_COMMENTS_CONFIRM_DAYS = env.int("NEWSROOM_COMMENTS_CONFIRM_DAYS", default=7)
NEWSROOM_COMMENTS_CONFIRM_MAIL_HOURS = env.int("NEWSROOM_COMMENTS_CONFIRM_MAIL_HOURS", default=12)
NEWSROOM_COMMENTS_PROOF_DAYS = 365
# Proxies of our own in front of the app; their X-Forwarded-For entry is the reader's IP.
NEWSROOM_COMMENTS_PROXY_HOPS = env.int("NEWSROOM_COMMENTS_PROXY_HOPS", default=0)

# With DATABASE_REPLICA_URL: after a reader posts, their pages come from the primary for
# this many seconds, longer than the replica lags, so they see what they just wrote; after
# any change readers see, everyone's do (newsroom/db_routers.py).
NEWSROOM_REPLICA_PIN_SECONDS = env.int("NEWSROOM_REPLICA_PIN_SECONDS", default=10)

# /healthz gives the database this many seconds, on the client's side, to answer (connecting
# included) before it reports "down": a hung server must not hang the balancer's probe.
NEWSROOM_HEALTH_TIMEOUT = env.float("NEWSROOM_HEALTH_TIMEOUT", default=3.0)

# Public site. Feeds carry the whole story, or its standfirst and a link.
NEWSROOM_FEED_FULL_CONTENT = env.bool("NEWSROOM_FEED_FULL_CONTENT", default=False)
NEWSROOM_FEED_ITEMS = 30
# Name the translator and reviewer under a translated story (not their email, ever).
NEWSROOM_SHOW_TRANSLATOR = env.bool("NEWSROOM_SHOW_TRANSLATOR", default=False)
# How long the server keeps a rendered public page (articles/page_cache.py); any change
# readers would see retires it sooner. 0 turns the page cache off, which is the default
# with the local-memory cache: each worker process would miss the others' invalidations.
NEWSROOM_PAGE_CACHE_SECONDS = env.int(
    "NEWSROOM_PAGE_CACHE_SECONDS",
    default=0 if "locmem" in CACHES["default"]["BACKEND"].lower() else 3600,
)

# Translation desk: machine drafts from none (the default), demo (deterministic, offline),
# deepl or libretranslate. Keys and addresses come from the environment only.
NEWSROOM_MT_BACKEND = env.str("NEWSROOM_MT_BACKEND", default="none")
# DeepL needs a regional English (EN-GB or EN-US); LibreTranslate reads the "en" of it.
NEWSROOM_MT_TARGET_LANGUAGE = env.str("NEWSROOM_MT_TARGET_LANGUAGE", default="en-GB")
# Seconds to wait for an engine, and how often the DeepL client retries a busy server.
NEWSROOM_MT_TIMEOUT = env.float("NEWSROOM_MT_TIMEOUT", default=20.0)
NEWSROOM_MT_RETRIES = env.int("NEWSROOM_MT_RETRIES", default=2)
NEWSROOM_MT_DEEPL_AUTH_KEY = env.str("NEWSROOM_MT_DEEPL_AUTH_KEY", default="")
# Empty: the client picks api-free.deepl.com or api.deepl.com from the key.
NEWSROOM_MT_DEEPL_SERVER_URL = env.str("NEWSROOM_MT_DEEPL_SERVER_URL", default="")
NEWSROOM_MT_LIBRETRANSLATE_URL = env.str("NEWSROOM_MT_LIBRETRANSLATE_URL", default="")
NEWSROOM_MT_LIBRETRANSLATE_API_KEY = env.str("NEWSROOM_MT_LIBRETRANSLATE_API_KEY", default="")
