"""The network part of `est import polisen --fetch`: one GET of the police's open events API.

It uses the standard library's urllib.request: one GET a run needs no session, connection
pool or retry machinery, and est gains no dependency for it. It never retries: the police
ask that their API is not called more often than needed, so a refusal (HTTP 429) or a
failure stops the run and says when to try again. Every failure is an `EstError` naming the
URL and what to do (exit 1); an address that is not http(s) is a `UsageError` (exit 2).
The body is returned as it came: parsing it (and judging its content type) is the caller's.
"""

from __future__ import annotations

import http.client
import math
import time
import urllib.request
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from typing import IO
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin, urlsplit

from est_cli import __version__
from est_cli.errors import N_, EstError, Text, UsageError, printable

POLICE_API = "https://polisen.se/api/events"
USER_AGENT = f"est/{__version__} (+https://github.com/est-cli/est; est import polisen)"
SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


def fetch_events(url: str, *, timeout: float = 30.0, max_bytes: int = 20 * 1024 * 1024) -> bytes:
    """The body of one GET of `url` (the police's events, a JSON array), byte for byte.

    `timeout` bounds the whole exchange, not only each wait on the socket, so a server that
    sends a byte now and then cannot hold a run forever. At most `max_bytes + 1` bytes are
    read: the API's answer is far smaller, and a larger one is not the API."""
    _check_address(url)
    shown = printable(url)
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}, method="GET"
    )
    opener = urllib.request.build_opener(_WebRedirects())
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            _check_length(response.headers, shown, max_bytes)
            return _read(response, shown, timeout, max_bytes, deadline)
    except HTTPError as exc:
        with exc:
            raise _status_error(exc, shown) from None
    except URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timeout_error(shown, timeout) from exc
        raise _network_error(shown, exc.reason) from exc
    except TimeoutError as exc:
        raise _timeout_error(shown, timeout) from exc
    except (http.client.HTTPException, OSError) as exc:
        raise _network_error(shown, exc) from exc


def _check_address(url: str) -> None:
    """A usage error unless `url` is an http(s) address with a host (file: is never read)."""
    if not _web(url):
        raise UsageError(
            N_(
                "cannot fetch '%(url)s': expected an http:// or https:// address, such as %(api)s",
                url=printable(url),
                api=POLICE_API,
            )
        )


def _web(url: str) -> bool:
    """Whether `url` is an http(s) address with a host."""
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() in SCHEMES and bool(parts.hostname)
    except ValueError:  # a malformed address, such as an unclosed IPv6 bracket
        return False


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirects, but only to http(s): it would follow one to ftp:, and refuses a
    file: one only with an HTTP 302 error that names no reason a user can act on."""

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> http.client.HTTPResponse | None:
        location = headers.get("location") or headers.get("uri")
        if location is not None:
            try:
                target = urljoin(req.full_url, location.strip())
            except ValueError:
                target = location
            if not _web(target):
                fp.close()
                raise EstError(
                    N_(
                        "%(url)s redirects to '%(target)s', which is not an http:// or "
                        "https:// address; nothing was imported; check the address",
                        url=printable(req.full_url),
                        target=printable(target),
                    )
                )
        answer: http.client.HTTPResponse | None = super().http_error_302(
            req, fp, code, msg, headers
        )
        return answer

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _check_length(headers: Message, url: str, max_bytes: int) -> None:
    """Refuse before reading when the server says the body is too large."""
    try:
        length = int(headers.get("Content-Length") or "")
    except ValueError:
        return  # none, or not a number: the read below still stops at the limit
    if length > max_bytes:
        raise _too_large(url, max_bytes)


def _read(
    response: http.client.HTTPResponse, url: str, timeout: float, max_bytes: int, deadline: float
) -> bytes:
    """The body, in pieces as they arrive (read1), so the deadline is looked at between them."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        if time.monotonic() > deadline:
            raise _timeout_error(url, timeout)
        chunk = response.read1(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            if response.length:  # read1, unlike read, does not notice a body cut short
                got = N_(
                    "the answer broke off after %(got)s of %(size)s bytes",
                    got=size,
                    size=size + response.length,
                )
                raise _network_error(url, got)
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise _too_large(url, max_bytes)


def _status_error(exc: HTTPError, url: str) -> EstError:
    if exc.code == 429:
        return EstError(
            N_(
                "the police's API at %(url)s says too many requests (HTTP 429); "
                "nothing was imported; try again in %(wait)s",
                url=url,
                wait=_wait(exc.headers.get("Retry-After")),
            )
        )
    reason = printable(str(exc.reason or "")) or _phrase(exc.code)
    if exc.code >= 500:
        return EstError(
            N_(
                "%(url)s answered HTTP %(status)s (%(reason)s); nothing was imported; "
                "the fault is the server's, try again later",
                url=url,
                status=exc.code,
                reason=reason,
            )
        )
    return EstError(
        N_(
            "%(url)s answered HTTP %(status)s (%(reason)s); nothing was imported; "
            "check that the address is the police's events API, %(api)s",
            url=url,
            status=exc.code,
            reason=reason,
            api=POLICE_API,
        )
    )


def _phrase(code: int) -> str:
    try:
        return http.HTTPStatus(code).phrase
    except ValueError:
        return "?"


def _wait(retry_after: str | None) -> Text:
    """How long the server asks us to wait (Retry-After: seconds or an HTTP date)."""
    value = (retry_after or "").strip()
    seconds: int | None = None
    if value.isdigit():
        seconds = int(value)
    elif value:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            seconds = math.ceil((when - datetime.now(UTC)).total_seconds())
    if seconds is None or seconds <= 0:
        return N_("a few minutes")
    return N_("%(seconds)s seconds", seconds=seconds)


def _timeout_error(url: str, timeout: float) -> EstError:
    return EstError(
        N_(
            "no answer from %(url)s within %(seconds)s seconds; nothing was imported; "
            "check the network and try again",
            url=url,
            seconds=int(timeout) if float(timeout).is_integer() else timeout,
        )
    )


def _network_error(url: str, reason: object) -> EstError:
    said: str
    if isinstance(reason, Text):
        said = reason  # est's own words, said in the run's language
    elif isinstance(reason, OSError) and reason.strerror:
        said = printable(str(reason.strerror))
    else:
        said = printable(str(reason) or type(reason).__name__)
    return EstError(
        N_(
            "could not fetch %(url)s: %(reason)s; nothing was imported; "
            "check the network and the address, and try again",
            url=url,
            reason=said,
        )
    )


def _too_large(url: str, max_bytes: int) -> EstError:
    return EstError(
        N_(
            "the answer from %(url)s is larger than %(limit)s MB; nothing was imported; "
            "the police's events API sends far less, so check the address",
            url=url,
            limit=f"{max_bytes / (1024 * 1024):.3g}",
        )
    )
