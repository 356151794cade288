"""Downloads for feeds: bounded in time, tries and size, conditional, and only over http(s).

Every failure becomes a FetchError whose message is the reason for the user (``HTTP 404
Not Found``, ``timed out after 10 s``), never a traceback.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

MAX_BYTES = 20 * 1024 * 1024


class FetchError(Exception):
    """A download that failed; the message is the reason, for the user."""


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 15.0  # seconds for each connect, read and write
    deadline: float = 600.0  # seconds for a whole download: a server sending a byte now and then ends too
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


class Refused(FetchError):
    """A URL a server fetching for others must not reach (a private or local address)."""


class Unresolved(FetchError):
    """A host name that does not resolve: trying again, or another URL on it, will not help."""


def public_addresses(host: str) -> list[str]:
    """Every address ``host`` resolves to, if all are global; else Refused naming the first that is not.

    Each one is checked: a name with one public and one private address could connect to either.
    """
    try:
        found = [str(info[4][0]) for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)]
    except OSError as err:
        raise Unresolved(f"cannot resolve {host} ({err})") from None
    addresses = list(dict.fromkeys(a.split("%", 1)[0] for a in found))
    for address in addresses:
        ip = ipaddress.ip_address(address)
        mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None  # ::ffff:127.0.0.1
        if not ip.is_global or (mapped is not None and not mapped.is_global) or ip.is_multicast:
            raise Refused(f"{host} is a private or local address ({ip}); refused")
    return addresses


def _refuse_private(request: httpx.Request) -> None:
    public_addresses(request.url.host)


class _PublicOnly(httpcore.SyncBackend):
    """Connects only to addresses checked at that moment.

    The request hook checks a name before each request, but the connection resolves it
    again: a name that answers with a public address first and a private one next
    (DNS rebinding) would pass the hook and still reach the private one. Here the
    checked address is the one connected to.
    """

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:  # fmt: skip
        failed: Exception | None = None
        for address in public_addresses(host):  # in the resolver's order, as a connection would try them
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as err:
                failed = err
        raise failed or httpcore.ConnectError(f"no address for {host}")


class Fetcher:
    """One HTTP client for a whole sync, so connections to a host are reused."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._unresolved: set[str] = set()  # hosts whose names did not resolve in this run
        # The hook sees every request, redirects included, so a redirect cannot reach a refused address.
        hooks = {"request": [_refuse_private]} if not self.policy.allow_private else {}
        transport = None
        if not self.policy.allow_private:
            # A transport of its own takes no proxy from the environment: the connection goes to the address checked.
            transport = httpx.HTTPTransport()
            transport._pool._network_backend = _PublicOnly()  # httpx takes no backend of its own
        self.client = httpx.Client(
            timeout=self.policy.timeout, follow_redirects=True, max_redirects=5, event_hooks=hooks,
            headers={"User-Agent": "podsift (podcast transcript archive)"}, transport=transport,
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
        host = urlsplit(url).hostname or ""
        if host in self._unresolved:
            raise Unresolved(f"cannot resolve {host} (as earlier in this run)")
        for attempt in range(self.policy.retries + 1):
            last = attempt == self.policy.retries
            try:
                return self._once(url, headers)
            except _Retry as err:
                if last:
                    raise FetchError(str(err)) from None
            except Unresolved:
                # A feed's transcripts mostly share a host: one lookup failure is enough for them all.
                self._unresolved.add(host)
                raise
            time.sleep(self.policy.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        deadline = time.monotonic() + self.policy.deadline
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
                    if time.monotonic() > deadline:
                        raise _Retry(f"timed out: not downloaded within {self.policy.deadline:g} s")
                content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
                return Fetched(str(response.url), bytes(data), content_type, response.headers.get("etag"),
                               response.headers.get("last-modified"))  # fmt: skip
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {self.policy.timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise FetchError("too many redirects") from None
        except httpx.UnsupportedProtocol:  # redirected to "file:///…": nothing a feed may name
            raise FetchError("redirected to a link that is not http(s)") from None
        except httpx.TransportError as err:
            if lookup := _lookup_failure(err):
                raise Unresolved(f"cannot resolve {urlsplit(url).hostname} ({lookup})") from None
            raise _Retry(f"connection failed ({err or type(err).__name__})") from None


def _lookup_failure(err: BaseException) -> socket.gaierror | None:
    """The name-lookup error under a connection failure, if that is what it was."""
    seen: BaseException | None = err
    for _ in range(8):  # httpx wraps httpcore, which wraps the socket's error
        if seen is None or isinstance(seen, socket.gaierror):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


class _Retry(Exception):
    """A failure worth another try: the server or the network may recover."""
