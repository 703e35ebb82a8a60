"""The review server without a browser: who may ask, what it answers, and what it never writes."""

from __future__ import annotations

import http.client
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from briefgen.review.server import CSP, Handler, serve
from tests.test_build import copy_project

SPEC = "config/gcm-prep.yaml"
EXCLUDE = "Sweden aligns itself with the statement by the EU Delegation on behalf of the EU"


class Server:
    def __init__(self, root: Path) -> None:
        self.spec = root / SPEC
        self.httpd = serve(self.spec, 0, "A. Officer")
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def request(self, method: str, path: str, body: dict[str, str] | None = None,
                **headers: str) -> tuple[int, str, dict[str, str]]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        data = urlencode(body).encode() if body is not None else None
        sent = {"Host": f"127.0.0.1:{self.port}", **headers}
        if data is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=data, headers=sent)
        answer = connection.getresponse()
        text = answer.read().decode("utf-8")
        return answer.status, text, dict(answer.getheaders())

    def page(self) -> str:
        status, text, _ = self.request("GET", "/")
        assert status == 200
        return text

    def form(self, page: str, **fields: str) -> dict[str, str]:
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        version = re.search(r'data-version="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        return {"token": token, "version": version, **fields}


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(copy_project(tmp_path))
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def exclude(server: Server, page: str, quote: str = EXCLUDE) -> tuple[int, str]:
    status, _, headers = server.request(
        "POST", "/decide", server.form(page, section="6", action="exclude", quote=quote),
        Origin=f"http://127.0.0.1:{server.port}")
    return status, headers.get("Location", "")


def test_the_page_is_escaped_and_confined(server: Server) -> None:
    status, page, headers = server.request("GET", "/")
    assert status == 200 and headers["Content-Security-Policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert "Sweden&#39;s positions" in page and "Sweden's positions" not in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/review.js" defer>']
    assert "<style" not in page and ' style="' not in page and " on" + "click" not in page


def test_a_decision_is_written_into_the_spec(server: Server) -> None:
    before = server.spec.read_text(encoding="utf-8")
    status, location = exclude(server, server.page())
    assert (status, location) == (303, "/#section-7")
    after = server.spec.read_text(encoding="utf-8")
    assert after.replace(f'    exclude:\n      - "{EXCLUDE}"\n', "", 1) == before
    assert "is left out." in server.page()


@pytest.mark.parametrize(("headers", "reason"), [
    ({"Host": "evil.example"}, "refused: this server answers to its own loopback address only"),
    ({"Host": "evil.example:80"}, "refused: this server answers to its own loopback address"),
    ({"Origin": "http://evil.example"}, "refused: a change must come from this review page"),
])
def test_requests_from_elsewhere_are_refused(server: Server, headers: dict[str, str],
                                             reason: str) -> None:
    before = server.spec.read_bytes()
    status, text, _ = server.request(
        "POST", "/decide", server.form(server.page(), section="6", action="exclude",
                                       quote=EXCLUDE), **headers)
    assert status == 403 and text.startswith(reason)
    assert server.spec.read_bytes() == before


def test_a_change_without_the_session_token_is_refused(server: Server) -> None:
    before = server.spec.read_bytes()
    form = server.form(server.page(), section="6", action="exclude", quote=EXCLUDE)
    form["token"] = "guessed"
    status, text, _ = server.request("POST", "/decide", form)
    assert status == 403 and "session token" in text
    assert server.spec.read_bytes() == before


def test_a_peer_that_is_not_loopback_is_refused() -> None:
    refused: list[str] = []
    handler = object.__new__(Handler)
    handler.client_address = ("192.0.2.7", 40000)
    handler._refuse = refused.append  # type: ignore[method-assign]
    assert handler._allowed(post=False) is False
    assert refused == ["requests come from this computer only"]


def test_a_spec_edited_by_hand_is_never_overwritten(server: Server) -> None:
    page = server.page()
    edited = server.spec.read_text(encoding="utf-8") + "# a note typed meanwhile\n"
    server.spec.write_text(edited, encoding="utf-8")
    status, _ = exclude(server, page)
    assert status == 303
    assert server.spec.read_text(encoding="utf-8") == edited
    assert "the spec changed on disk since this page showed it" in server.page()


def test_two_pages_on_one_spec(server: Server) -> None:
    first, second = server.page(), server.page()
    assert exclude(server, first)[0] == 303
    written = server.spec.read_text(encoding="utf-8")
    include = server.form(second, section="6", action="include",
                          quote="We need to consider how to facilitate regular migration")
    server.request("POST", "/decide", include)
    assert server.spec.read_text(encoding="utf-8") == written  # the stale page wrote nothing
    assert "nothing was written" in server.page()


def test_a_read_only_spec_is_left_alone_with_the_keys_to_copy(server: Server) -> None:
    before = server.spec.read_bytes()
    server.spec.chmod(0o444)
    exclude(server, server.page())
    assert server.spec.read_bytes() == before
    page = server.page()
    assert "the spec is read-only; nothing was written" in page
    assert f"exclude: [&#34;{EXCLUDE}&#34;]" in page
