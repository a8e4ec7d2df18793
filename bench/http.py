"""Requests per second of the public pages under gunicorn, beside the framework ceiling.

    DEBUG=true .venv/bin/python -m newsroom.embedded_db --throwaway -- sh -c \
        '.venv/bin/python bench/make_data.py && .venv/bin/python bench/http.py'

(or `make bench`, which runs every bench on one throwaway database). Needs wrk
(`apt-get install -y wrk`) and uses redis-server for the cache when it is installed.

gunicorn serves the site with the production settings (DEBUG off, 2 workers, whitenoise's
hashed static files) on 127.0.0.1; wrk asks for the home page, an article, a tag archive,
a search and the feed with 16 and 64 connections for ``--duration`` seconds each, in
three states:

- cold: the page cache off, so every request renders everything, the same page each time;
  nothing is cached at all, not even what every page shares.
- miss: the page cache on and cleared (Redis FLUSHDB) before each run, and every request
  for a page not asked for before in the run (a different article, tag archive or search
  each time, bench/distinct.lua), so every page is rendered once; what pages share (the
  generation, the next publish time, the latest posts) is computed once, as in production
  right after a change. Not for home and feed, which have no other pages to spread over.
- warm: the page cache on and filled: every request a hit.

The ceiling is a bare Django view returning the same article HTML from memory, behind the
same middleware: what the framework costs before our code does anything. Prints a table
and one JSON line.
"""

import sys
from pathlib import Path

# The project, not bench/, comes first: this file would hide the standard library's http.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.parse  # noqa: E402
import urllib.request  # noqa: E402
from contextlib import contextmanager  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CONNECTIONS = [16, 64]
THREADS = 2


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def redis_server():
    """A private redis-server for the cache, or None (local memory) when there is none."""
    if not shutil.which("redis-server"):
        yield None
        return
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.3)
        yield f"rediscache://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait()


def environment(cache_url, static_root, page_cache):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(static_root),
        WEB_CONCURRENCY="2",
        GUNICORN_ACCESSLOG="",
        GUNICORN_LOGLEVEL="warning",
        NEWSROOM_PAGE_CACHE_SECONDS=str(page_cache),
    )
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


@contextmanager
def gunicorn(env):
    port = free_port()
    env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}")
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "--config", "gunicorn.conf.py"], cwd=ROOT, env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/robots.txt")
        yield base
    finally:
        process.terminate()
        process.wait()


def wrk(url, connections, duration, paths=None):
    """wrk's figures: requests/s, median and p99 latency in ms, errors; with ``paths`` (a
    file), each request asks for the next path of the file instead of ``url``'s."""
    script = ["-s", str(ROOT / "bench" / "distinct.lua")] if paths else []
    arguments = ["--", str(paths), str(THREADS)] if paths else []
    command = ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{duration}s", "--latency"]
    output = subprocess.run(
        [*command, *script, url, *arguments],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors += int(bad.group(1)) if bad else 0
    return {
        "rps": round(rps),
        "p50_ms": to_ms(latency.get("50", "0ms")),
        "p99_ms": to_ms(latency.get("99", "0ms")),
        "errors": errors,
        "requests": requests,
    }


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)


def pages():
    """Addresses of real content in the database: the newest article, a busy tag, a word."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.db.models import Count
    from django.urls import reverse
    from taggit.models import Tag

    from articles.models import Story

    story = Story.objects.published().latest_first().first()
    tag = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n").first()
    urls = {
        "home": "/",
        "article": story.get_absolute_url(),
        "tag": f"/tags/{tag.slug}/",
        "search": f"/search/?q={tag.slug}",
        "feed": "/feed/",
    }
    # For the misses: other articles, tag archives and searches, none of them the one above.
    slugs = Story.objects.published().latest_first().values_list("slug", flat=True)
    headlines = Story.objects.published().latest_first().values_list("headline", flat=True)
    # make_data.py ends each headline with two made-up words, each in a few dozen headlines.
    words = {w for h in headlines[:20_000] for w in h.rsplit("(", 1)[-1].split()[:2]}
    others = {
        "article": [reverse("articles:detail", args=[slug]) for slug in slugs[1:20_001]],
        "tag": [
            f"/tags/{slug}/"
            for slug in Tag.objects.exclude(pk=tag.pk).values_list("slug", flat=True)
        ],
        "search": [f"/search/?q={word}" for word in sorted(words - {tag.slug})],
    }
    return urls, others


def flush(cache_url):
    """Empty the Redis cache (FLUSHDB), as after a restart: nothing is cached any more."""
    address = urllib.parse.urlsplit(cache_url)
    with socket.create_connection((address.hostname, address.port)) as connection:
        connection.sendall(b"*1\r\n$7\r\nFLUSHDB\r\n")
        assert connection.recv(16).startswith(b"+OK"), "FLUSHDB refused"


def misses(base, name, paths, cache_url, folder, duration):
    """One wrk run per connection count, each over its own share of ``paths``."""
    share = len(paths) // len(CONNECTIONS)
    for n, connections in enumerate(CONNECTIONS):
        listed = Path(folder) / f"{name}-{connections}.txt"
        listed.write_text("\n".join(paths[n * share : (n + 1) * share]) + "\n")
        if cache_url:
            flush(cache_url)
        figures = wrk(base + "/", connections, duration, paths=listed)
        # More requests than paths: some came back to a page already kept, a hit.
        figures["repeats"] = figures["requests"] > share
        yield connections, figures


def main(duration):
    if not shutil.which("wrk"):
        raise SystemExit("bench/http.py needs wrk: apt-get install -y wrk")
    urls, others = pages()
    results = []
    with tempfile.TemporaryDirectory() as folder, redis_server() as cache_url:
        static_root = Path(folder) / "static"
        ceiling_html = Path(folder) / "article.html"
        env = environment(cache_url, static_root, page_cache=3600)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        for state, page_cache in [("cold", 0), ("warm", 3600)]:
            env = dict(environment(cache_url, static_root, page_cache))
            env["BENCH_CEILING_HTML"] = str(ceiling_html)
            with gunicorn(env) as base:
                if not ceiling_html.exists():
                    ceiling_html.write_bytes(wait_for(base + urls["article"]))
                for name, paths in others.items() if state == "warm" else []:
                    wait_for(base + urls[name])  # warms the workers (imports, templates)
                    for connections, figures in misses(
                        base, name, paths, cache_url, folder, duration
                    ):
                        results.append({"page": name, "state": "miss", "c": connections, **figures})
                        print(f"  {name:8} miss c={connections}: {figures}", flush=True)
                for name, path in urls.items():
                    wait_for(base + path)  # warm: fills the cache; cold: warms the workers
                    for connections in CONNECTIONS:
                        figures = wrk(base + path, connections, duration)
                        results.append({"page": name, "state": state, "c": connections, **figures})
                        print(f"  {name:8} {state} c={connections}: {figures}", flush=True)
                if state == "warm":
                    for connections in CONNECTIONS:
                        figures = wrk(base + "/ceiling/", connections, duration)
                        results.append(
                            {"page": "ceiling", "state": "-", "c": connections, **figures}
                        )
                        print(f"  ceiling c={connections}: {figures}", flush=True)
    report(results, cache="redis" if cache_url else "locmem")


def report(results, cache):
    ceiling = {r["c"]: r["rps"] for r in results if r["page"] == "ceiling"}
    print(f"\nHTTP, gunicorn 2 workers, cache {cache}, wrk 2 threads, {os.cpu_count()} cores")
    print(
        f"{'page':10}{'state':6}{'conns':>6}{'req/s':>8}{'ceiling':>9}{'p50 ms':>8}"
        f"{'p99 ms':>8}{'errors':>7}"
    )
    for r in results:
        r["ratio"] = round(r["rps"] / ceiling[r["c"]], 2) if ceiling.get(r["c"]) else None
        print(
            f"{r['page']:10}{r['state']:6}{r['c']:>6}{r['rps']:>8}{r['ratio']:>9.0%}"
            f"{r['p50_ms']:>8}{r['p99_ms']:>8}{r['errors']:>7}"
        )
    print(json.dumps({"bench": "http", "cache": cache, "results": results}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    main(parser.parse_args().duration)
