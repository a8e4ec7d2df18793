"""A small HTTP(S) server on 127.0.0.1 that a test programs and inspects, and a DNS to
point names at it: no internet needed; and the uploads' storage in memory."""

import contextlib
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import trustme
from django.core.files.storage import storages


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


class LocalServer:
    """Answers each path with its Reply (404 otherwise) and keeps every request it saw.

    Given a certificate it speaks HTTPS and also keeps the server name (SNI) of every TLS
    handshake, even one the client then gives up on.
    """

    def __init__(self, certificate: trustme.LeafCert | None = None):
        self.replies: dict[str, Reply] = {}
        self.requests: list[tuple[str, dict]] = []
        self.server_names: list[str | None] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                reply = server.replies.get(self.path, Reply(404, b"not here"))
                time.sleep(reply.delay)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                # A timed-out poller has hung up by the time the reply is written.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(reply.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.scheme = "http" if certificate is None else "https"
        if certificate is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            certificate.configure_cert(context)
            context.sni_callback = lambda _socket, name, _context: self.server_names.append(name)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.httpd.server_port}{path}"

    def paths(self) -> list[str]:
        return [path for path, _headers in self.requests]


@contextlib.contextmanager
def serving(server: LocalServer):
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def local_server():
    with serving(LocalServer()) as server:
        yield server


TLS_NAMES = ("feeds.example.test", "other.example.test")


@pytest.fixture
def certificate_authority(tmp_path):
    """A CA of the test's own; ``ca_file`` is its certificate, for the client to trust."""
    authority = trustme.CA()
    authority.ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(authority.ca_file))
    return authority


@pytest.fixture
def tls_server(certificate_authority):
    """An HTTPS LocalServer whose certificate names TLS_NAMES, from certificate_authority."""
    with serving(LocalServer(certificate_authority.issue_cert(*TLS_NAMES))) as server:
        yield server


class FakeDNS:
    """A resolver for names in a table, which a test sets with answer(); addresses pass.

    A name's lookups take its answers in turn, the last one repeating, as a rebinding DNS
    server would give them; every lookup of a name is kept in ``lookups``.
    """

    def __init__(self, resolve_address):
        self.resolve_address = resolve_address
        self.table: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []

    def answer(self, name: str, *answers: list[str]) -> None:
        self.table[name] = list(answers)

    def __call__(self, host, port, family=0, type=0, proto=0, flags=0):
        with contextlib.suppress(ValueError):
            ipaddress.ip_address(host.split("%")[0])
            return self.resolve_address(host, port, family, type, proto, flags)
        self.lookups.append(host)
        answers = self.table.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        addresses = answers.pop(0) if len(answers) > 1 else answers[0]
        return [self._info(ipaddress.ip_address(address), port) for address in addresses]

    @staticmethod
    def _info(address, port):
        if address.version == 4:
            return (
                socket.AF_INET,
                socket.SOCK_STREAM,
                socket.IPPROTO_TCP,
                "",
                (str(address), port),
            )
        return (
            socket.AF_INET6,
            socket.SOCK_STREAM,
            socket.IPPROTO_TCP,
            "",
            (str(address), port, 0, 0),
        )


@pytest.fixture
def dns(monkeypatch):
    """Names resolve through a FakeDNS, for this process: the poller and httpx alike."""
    resolver = FakeDNS(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    return resolver


@pytest.fixture
def imports_storage(settings):
    """The "imports" storage in memory, as a bucket shared by app servers and the worker."""
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return storages["imports"]


def stored_files(storage) -> list[str]:
    """The files an upload left in ``storage`` (each in a folder of its own)."""
    folders, _files = storage.listdir("")
    return [f"{folder}/{name}" for folder in folders for name in storage.listdir(folder)[1]]
