"""A real HTTP server on 127.0.0.1 for media files, answering byte ranges as podcast hosts do."""

from __future__ import annotations

import io
import threading
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve_media(data: bytes, content_type: str = "audio/wav") -> ThreadingHTTPServer:
    """Serve ``data`` at every path, with byte ranges (players seek with them); the caller shuts it down."""

    class Media(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            first, last = 0, len(data) - 1
            asked = self.headers.get("Range", "")
            if asked.startswith("bytes="):
                start, _, end = asked[6:].partition("-")
                first, last = int(start or 0), int(end) if end else last
            self.send_response(206 if asked else 200)
            self.send_header("Content-Type", content_type)
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Length", str(last - first + 1))
            if asked:
                self.send_header("Content-Range", f"bytes {first}-{last}/{len(data)}")
            self.end_headers()
            try:
                self.wfile.write(data[first : last + 1])
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Media)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def silence(seconds: int) -> bytes:
    """A WAV file of ``seconds`` of silence (8 kHz mono): media a player can seek in."""
    out = io.BytesIO()
    with wave.open(out, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(8000)
        audio.writeframes(b"\0\0" * 8000 * seconds)
    return out.getvalue()
