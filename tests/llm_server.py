"""A small OpenAI-compatible chat server on 127.0.0.1, standing in for an outside LLM.

It speaks the real wire protocol (POST /v1/chat/completions, JSON or server-sent
events when ``stream`` is true), so podsift's real `openai` client talks to it.
Each test sets the reply it should give; the requests it received are kept.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class ChatServer:
    def __init__(self) -> None:
        self.reply = "NOT_IN_ARCHIVE"
        self.delay = 0.0  # seconds to wait before answering (for timeouts)
        self.status = 200
        self.word_delay = 0.0  # seconds between streamed words (a slow model)
        self.unstreamed = False  # answer with one JSON body even when asked to stream (some proxies do)
        self.body: tuple[str, bytes] | None = None  # send this content type and body instead of a reply
        self.events_type = "text/event-stream"  # some servers label their events text/plain
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                time.sleep(server.delay)
                if server.status != 200:
                    self._send(server.status, "application/json",
                               json.dumps({"error": {"message": "model is overloaded"}}).encode())  # fmt: skip
                    return
                if server.body:
                    self._send(200, *server.body)
                elif server.word_delay:
                    self._trickle(body["model"], server.reply.split(" "), server.word_delay)
                elif body.get("stream") and not server.unstreamed:
                    words = server.reply.split(" ")
                    events = []
                    for i, word in enumerate(words):
                        piece = word if i == 0 else " " + word
                        events.append(_chunk(body["model"], {"content": piece}, None))
                    events.append(_chunk(body["model"], {}, "stop"))
                    payload = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"
                    self._send(200, server.events_type, payload.encode())
                else:
                    message = {"role": "assistant", "content": server.reply}
                    data = {"id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}]}  # fmt: skip
                    self._send(200, "application/json", json.dumps(data).encode())

            def _trickle(self, model: str, words: list[str], delay: float) -> None:
                """Stream one word every ``delay`` seconds, the body ending when the connection closes."""
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    for i, word in enumerate(words):
                        event = _chunk(model, {"content": word if i == 0 else " " + word}, None)
                        self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                        self.wfile.flush()
                        time.sleep(delay)
                    self.wfile.write(b"data: [DONE]\n\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped listening

            def _send(self, status: int, kind: str, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout tests)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def _chunk(model: str, delta: dict[str, str], finish: str | None) -> dict[str, Any]:
    return {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}  # fmt: skip
