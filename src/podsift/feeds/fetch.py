"""Downloads for feeds: bounded in time, tries and size, conditional, and only over http(s).

Every failure becomes a FetchError whose message is the reason for the user (``HTTP 404
Not Found``, ``timed out after 10 s``), never a traceback.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

MAX_BYTES = 20 * 1024 * 1024


class FetchError(Exception):
    """A download that failed; the message is the reason, for the user."""


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 15.0  # seconds for each connect, read and write
    retries: int = 2  # further tries after a 5xx answer, a timeout or a dropped connection
    backoff: float = 0.5  # seconds before the first retry; doubled for each one after
    max_bytes: int = MAX_BYTES
    # The command line runs on the user's own machine, where a feed on localhost is normal;
    # a server fetching URLs for others should refuse them.
    allow_private: bool = True


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes  # empty when not modified
    content_type: str  # lower case, without parameters
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


def check_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host, else FetchError."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"only http(s) URLs can be fetched, not {parts.scheme or 'a bare path'}:")
    return url


def _refuse_private(request: httpx.Request) -> None:
    host = request.url.host
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except OSError as err:
        raise FetchError(f"cannot resolve {host} ({err})") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_unspecified:
            raise FetchError(f"{host} is a private or local address ({ip}); refused")


class Fetcher:
    """One HTTP client for a whole sync, so connections to a host are reused."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        # The hook sees every request, redirects included, so a redirect cannot reach a refused address.
        hooks = {"request": [_refuse_private]} if not self.policy.allow_private else {}
        self.client = httpx.Client(
            timeout=self.policy.timeout, follow_redirects=True, max_redirects=5, event_hooks=hooks,
            headers={"User-Agent": "podsift (podcast transcript archive)"},
        )  # fmt: skip

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The body at ``url``; with validators, a 304 gives ``not_modified``."""
        check_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.policy.retries + 1):
            last = attempt == self.policy.retries
            try:
                return self._once(url, headers)
            except _Retry as err:
                if last:
                    raise FetchError(str(err)) from None
            time.sleep(self.policy.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code >= 500:
                    raise _Retry(f"HTTP {response.status_code} {response.reason_phrase}".strip())
                if response.status_code == 304:
                    return Fetched(str(response.url), b"", "", headers.get("If-None-Match"),
                                   headers.get("If-Modified-Since"), not_modified=True)  # fmt: skip
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > self.policy.max_bytes:
                        raise FetchError(f"too large (over {self.policy.max_bytes / 1e6:.3g} MB)")
                content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
                return Fetched(str(response.url), bytes(data), content_type, response.headers.get("etag"),
                               response.headers.get("last-modified"))  # fmt: skip
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {self.policy.timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise FetchError("too many redirects") from None
        except httpx.TransportError as err:
            raise _Retry(f"connection failed ({err or type(err).__name__})") from None


class _Retry(Exception):
    """A failure worth another try: the server or the network may recover."""
