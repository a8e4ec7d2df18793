"""Small HTTP servers on 127.0.0.1 that speak DeepL's and LibreTranslate's documented APIs.

DeepL: POST /v2/translate, ``Authorization: DeepL-Auth-Key <key>``, JSON ``{"text": [...],
"source_lang", "target_lang"}`` → ``{"translations": [{"detected_source_language", "text",
"billed_characters"}]}``; 403 for a bad key, 456 when the quota is used up.
LibreTranslate: POST /translate, JSON ``{"q": [...], "source", "target", "format",
"api_key"}`` → ``{"translatedText": [...]}``; errors as ``{"error": "..."}`` with 400, 403
or 429. Each "translates" by prefixing the target language, so a test can tell.
"""

import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeService(BaseHTTPRequestHandler):
    # Set per server: what to answer, and every request seen.
    behaviour = "ok"
    requests: list

    def log_message(self, *args):
        pass

    def _reply(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        payload = json.loads(self.rfile.read(length) or b"{}")
        self.requests.append({"path": self.path, "headers": dict(self.headers), "json": payload})
        if self.behaviour == "slow":
            time.sleep(3)
        self.answer(payload)


class DeepL(FakeService):
    key = "right-key"

    def answer(self, payload):
        if self.path != "/v2/translate":
            return self._reply(404, {"message": "Not found"})
        if self.headers.get("Authorization") != f"DeepL-Auth-Key {self.key}":
            return self._reply(403, {"message": "Invalid authentication key."})
        if self.behaviour == "quota":
            return self._reply(456, {"message": "Quota Exceeded"})
        target = payload["target_lang"]
        translations = [
            {
                "detected_source_language": payload.get("source_lang", "DE"),
                "text": f"{target}: {text}",
                "billed_characters": len(text),
            }
            for text in payload["text"]
        ]
        return self._reply(200, {"translations": translations})


class LibreTranslate(FakeService):
    key = "right-key"

    def answer(self, payload):
        if self.path != "/translate":
            return self._reply(404, {"error": "Not Found"})
        if payload.get("api_key") != self.key:
            return self._reply(403, {"error": "Invalid API key"})
        if self.behaviour == "limit":
            return self._reply(429, {"error": "Slowdown: 10 per 1 minute"})
        target = payload["target"]
        return self._reply(200, {"translatedText": [f"{target}: {q}" for q in payload["q"]]})


@contextmanager
def serve(handler, behaviour="ok"):
    """Run ``handler`` on a free port of 127.0.0.1; yield (base URL, requests seen)."""
    seen = []
    handler_class = type(handler.__name__, (handler,), {"behaviour": behaviour, "requests": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", seen
    finally:
        server.shutdown()
        server.server_close()
