"""gunicorn's settings for Newsroom, read from the working directory by `gunicorn newsroom.wsgi`.

Every value can be changed from the environment, as the Django settings are.
"""

import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The usual 2 x cores + 1 sync workers: pages are short database reads.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request still running after this long is stuck; its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# The proxy in front (nginx on the same machine) may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# An empty GUNICORN_ACCESSLOG turns the access log off (nginx keeps one too).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Load the app once in the master: a broken configuration stops the start, not each worker.
preload_app = True
# No runtime control socket (gunicorn 25+): systemd starts, reloads and stops the server,
# and two instances on one machine would fight over its one default path.
control_socket_disable = True
