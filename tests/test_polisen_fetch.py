"""`est import polisen --fetch`'s one GET (est_cli.sources.polisen_fetch), against a real HTTP
server on 127.0.0.1 whose answer each test sets: no other network is used.

The server's threads are bounded: each test makes a request or two, a handler that is told to
wait waits on an event the fixture sets when the test ends, and the server stops at once.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from est_cli import __version__
from est_cli.errors import EstError, Text, UsageError
from est_cli.sources.polisen_fetch import POLICE_API, USER_AGENT, fetch_events

EVENTS = (
    '[{"id": 1, "datetime": "2026-11-30 21:05:00 +01:00", "name": "30 november 21.05, '
    'Stöld, Testkommun", "summary": "Åtta cyklar.", "type": "Stöld"}]'
).encode()
WAIT = 2.0  # the longest any handler waits (a test ends it sooner)


@dataclass
class Answer:
    """What the server answers: a status, headers, a body, and waits before and after it."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = EVENTS
    delay: float = 0.0  # before the status line
    pause_after_body: float = 0.0  # before closing the connection
    drip: float = 0.0  # send the body a byte at a time, this long apart


class Server(ThreadingHTTPServer):
    daemon_threads = True
    answer: Answer
    requests: list[dict[str, str]]
    stop: threading.Event

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api/events"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        server = self.server
        server.requests.append({"path": self.path, "method": "GET", **dict(self.headers)})
        answer = server.answer
        if answer.delay and server.stop.wait(answer.delay):
            return
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if answer.drip:
            for byte in answer.body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if server.stop.wait(answer.drip):
                    return
        else:
            self.wfile.write(answer.body)
            self.wfile.flush()
        if answer.pause_after_body:
            server.stop.wait(answer.pause_after_body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy set in the environment would be asked instead of 127.0.0.1."""
    for name in list(os.environ):
        if name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.answer, httpd.requests, httpd.stop = Answer(), [], threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield httpd
    finally:
        httpd.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def refused(url: str, *, timeout: float = 5.0, max_bytes: int = 1024 * 1024) -> EstError:
    """The error fetching `url` raises (failing the test when it raises none)."""
    with pytest.raises(EstError) as caught:
        fetch_events(url, timeout=timeout, max_bytes=max_bytes)
    return caught.value


def test_the_body_comes_back_byte_for_byte_from_one_get(server: Server) -> None:
    server.answer.headers = {"Content-Type": "application/json; charset=utf-8"}
    assert fetch_events(server.url) == EVENTS
    assert len(server.requests) == 1
    request = server.requests[0]
    assert request["method"] == "GET" and request["path"] == "/api/events"
    assert request["Accept"] == "application/json"


def test_the_user_agent_names_est_and_its_version(server: Server) -> None:
    fetch_events(server.url)
    agent = server.requests[0]["User-Agent"]
    assert agent == USER_AGENT
    assert agent.startswith(f"est/{__version__} ")
    assert "est import polisen" in agent


def test_a_body_that_is_not_json_is_the_callers_to_judge(server: Server) -> None:
    server.answer.headers = {"Content-Type": "text/html"}
    server.answer.body = b"<html>underhall</html>"
    assert fetch_events(server.url) == b"<html>underhall</html>"


def test_too_many_requests_says_when_to_try_again_and_asks_once(server: Server) -> None:
    server.answer.status = 429
    server.answer.headers = {"Retry-After": "120"}
    error = refused(server.url)
    message = str(error)
    assert "429" in message and "120 seconds" in message and server.url in message
    assert "nothing was imported" in message
    assert type(error) is EstError and error.exit_code == 1
    assert len(server.requests) == 1  # no retry: the police ask for no needless calls
    text = error.args[0]
    assert isinstance(text, Text)  # the CLI says it in the run's language
    assert text.msgid.startswith("the police's API at %(url)s says too many requests")
    assert isinstance(text.params["wait"], Text)


def test_a_retry_after_date_is_told_as_seconds_from_now(server: Server) -> None:
    server.answer.status = 429
    later = datetime.now(UTC) + timedelta(seconds=300)
    server.answer.headers = {"Retry-After": format_datetime(later, usegmt=True)}
    wait = refused(server.url).args[0].params["wait"]
    assert wait.msgid == "%(seconds)s seconds"
    assert 290 <= wait.params["seconds"] <= 301


@pytest.mark.parametrize("retry_after", [None, "soon", "0"])
def test_without_a_usable_retry_after_it_says_a_few_minutes(
    server: Server, retry_after: str | None
) -> None:
    server.answer.status = 429
    server.answer.headers = {"Retry-After": retry_after} if retry_after else {}
    assert str(refused(server.url)).endswith("try again in a few minutes")


def test_a_server_error_names_its_status(server: Server) -> None:
    server.answer.status = 500
    error = refused(server.url)
    assert "HTTP 500 (Internal Server Error)" in str(error) and server.url in str(error)
    assert "try again later" in str(error)
    assert type(error) is EstError and len(server.requests) == 1


def test_a_missing_page_names_its_status_and_the_api(server: Server) -> None:
    server.answer.status = 404
    message = str(refused(server.url))
    assert "HTTP 404 (Not Found)" in message and POLICE_API in message


def test_no_answer_within_the_timeout(server: Server) -> None:
    server.answer.delay = WAIT
    start = time.monotonic()
    error = refused(server.url, timeout=0.5)
    assert time.monotonic() - start < 1.5
    assert str(error).startswith(f"no answer from {server.url} within 0.5 seconds")
    assert type(error) is EstError


def test_a_body_that_stops_coming_is_a_timeout(server: Server) -> None:
    server.answer.headers = {"Content-Length": str(len(EVENTS))}
    server.answer.body = EVENTS[:10]
    server.answer.pause_after_body = WAIT
    start = time.monotonic()
    assert "no answer from" in str(refused(server.url, timeout=0.5))
    assert time.monotonic() - start < 1.5


def test_a_body_sent_a_byte_at_a_time_cannot_outlast_the_timeout(server: Server) -> None:
    server.answer.drip = 0.05  # every wait is short; together they are long
    start = time.monotonic()
    assert "no answer from" in str(refused(server.url, timeout=0.5))
    assert time.monotonic() - start < 1.5


def test_a_body_that_breaks_off_is_a_network_error(server: Server) -> None:
    server.answer.headers = {"Content-Length": str(len(EVENTS))}
    server.answer.body = EVENTS[:10]  # and the connection closes
    error = refused(server.url)
    assert str(error).startswith(
        f"could not fetch {server.url}: the answer broke off after 10 of {len(EVENTS)} bytes;"
    )
    assert "check the network" in str(error)
    assert isinstance(error.args[0].params["reason"], Text)  # said in the run's language


def test_a_refused_connection_is_a_network_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/events"
    error = refused(url, timeout=2)
    assert type(error) is EstError and error.exit_code == 1
    assert str(error).startswith(f"could not fetch {url}: Connection refused;")


def test_a_body_over_the_limit_is_refused(server: Server) -> None:
    server.answer.body = b"[" + b" " * 200 + b"]"  # no Content-Length: read up to the limit
    error = refused(server.url, max_bytes=100)
    assert str(error).startswith(f"the answer from {server.url} is larger than")
    assert "nothing was imported" in str(error)


def test_a_body_of_exactly_the_limit_is_read(server: Server) -> None:
    server.answer.body = b"[" + b" " * 98 + b"]"
    assert fetch_events(server.url, max_bytes=100) == server.answer.body


def test_a_content_length_over_the_limit_is_refused_before_reading(server: Server) -> None:
    # The body is short and never ends: only the header can refuse it in time.
    server.answer.headers = {"Content-Length": "1000"}
    server.answer.body = b"[" + b" " * 49
    server.answer.pause_after_body = WAIT
    start = time.monotonic()
    assert "is larger than" in str(refused(server.url, max_bytes=100, timeout=1.5))
    assert time.monotonic() - start < 1.0


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/events",
        "polisen.se/api/events",
        "http:///x",
        "http://[::1/events",
    ],
)
def test_only_http_and_https_addresses_are_fetched(url: str) -> None:
    with pytest.raises(UsageError) as caught:
        fetch_events(url)
    assert caught.value.exit_code == 2
    message = str(caught.value)
    assert f"'{url}'" in message and "expected an http:// or https:// address" in message


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://127.0.0.1/events", "http://[::1/events"]
)
def test_a_redirect_away_from_the_web_is_refused(server: Server, target: str) -> None:
    server.answer.status = 302
    server.answer.headers = {"Location": target}
    error = refused(server.url)
    assert str(error).startswith(f"{server.url} redirects to '{target}', which is not")
    assert type(error) is EstError and len(server.requests) == 1


def test_a_redirect_within_http_is_followed(server: Server) -> None:
    class Once(Handler):
        def do_GET(self) -> None:
            if self.path == "/old":
                self.server.requests.append({"path": self.path})
                self.send_response(301)
                self.send_header("Location", "/api/events")
                self.end_headers()
            else:
                super().do_GET()

    server.RequestHandlerClass = Once
    assert fetch_events(server.url.replace("/api/events", "/old")) == EVENTS
    assert [r["path"] for r in server.requests] == ["/old", "/api/events"]
