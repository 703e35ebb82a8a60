"""The review page's web server: 127.0.0.1 only, one officer, a few requests a minute.

Measured choice (this machine, best of 7 runs, from process start to the first
answered request): the standard library's ThreadingHTTPServer 51 ms;
Starlette on uvicorn 132 ms, and three more packages to install and lock
(starlette, uvicorn, h11; 2 MB). One user needs neither ASGI nor async, so the
standard library it is. Writing decisions back keeps the spec's text as typed
(briefgen/specedit.py): ruamel.yaml's round trip, measured on a hand-formatted
spec, re-indented every line and moved comments, and put a new list entry after
a blank line; on the project's own specs it changed nothing, but a user's file is
not ours to reformat.

Security, since the page can write a file: the socket listens on 127.0.0.1
alone; a request whose peer is not loopback, whose Host is not this server's
loopback address (DNS rebinding) or whose Origin is another site's is refused;
every change needs the page's per-session token; every answer carries a
Content-Security-Policy that allows only this server's own script and style,
and all speech text goes through Jinja's autoescaping, so it is never markup.
"""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from briefgen.errors import BriefgenError
from briefgen.places import project_root, tidy
from briefgen.render.jinja import format_date
from briefgen.review import decide
from briefgen.review.page import build_page
from briefgen.uptodate import guess_output

ASSETS = Path(__file__).with_name("assets")
HOST = "127.0.0.1"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
STATIC = {"/review.js": ("review.js", "text/javascript"),
          "/review.css": ("review.css", "text/css")}
MAX_BODY = 200_000  # a decision is a quote and a name


class Rebuilds:
    """Rebuilds the brief after each decision, one at a time, in a separate process (the
    same `briefgen build` a user runs); what the last one said is shown on the page."""

    def __init__(self, spec_path: Path) -> None:
        self.spec_path = spec_path
        self.lock = threading.Lock()
        self.state: dict[str, Any] = {"state": "idle", "message": "", "count": 0}
        self.pending = False
        self.thread: threading.Thread | None = None

    def request(self) -> None:
        with self.lock:
            self.pending = True
            self.state = {**self.state, "state": "running", "message": "Rebuilding the brief…"}
            if self.thread is not None:  # the running loop sees `pending` and builds once more
                return
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                if not self.pending:
                    self.thread = None  # under the lock: a request from now on starts a thread
                    return
                self.pending = False
            state, message = _build(self.spec_path)
            with self.lock:  # a decision made meanwhile keeps it "running": one more build
                self.state = {"state": "running" if self.pending else state, "message": message,
                              "count": self.state["count"] + 1}

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return dict(self.state)


def _build(spec_path: Path) -> tuple[str, str]:
    """Run `briefgen build SPEC --json`; ("built" or "failed", a line for the page)."""
    command = [sys.executable, "-m", "briefgen", "build", str(spec_path), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          stdin=subprocess.DEVNULL, timeout=600)
    try:
        entry = json.loads(done.stdout)["specs"][0]
    except (ValueError, KeyError, IndexError):
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return "failed", f"The build failed: {tail}"
    if entry["errors"]:
        return "failed", "The build failed: " + "; ".join(entry["errors"])
    outputs = ", ".join(entry["outputs"])
    stamp = time.strftime("%H:%M:%S")
    if entry["status"] == "skipped":
        return "built", f"The brief is up to date ({outputs}), checked at {stamp}."
    return "built", f"Brief rebuilt at {stamp}: {outputs}."


class Review:
    """One `briefgen review` session: the spec, its token, the page template, the rebuilds."""

    def __init__(self, spec_path: Path, reviewer: str) -> None:
        self.spec_path = spec_path
        self.token = secrets.token_urlsafe(32)
        self.reviewer = reviewer
        self.rebuilds = Rebuilds(spec_path)
        self.flash: list[tuple[str, str]] = []  # (kind, message) shown once
        self.flash_lock = threading.Lock()
        self.env = Environment(loader=FileSystemLoader(ASSETS), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters["date"] = format_date
        self.port = 0

    def lock_file(self) -> Path:
        """Shared by every review page of this spec: beside its outputs (found as the no-op
        build finds them, without loading a spec that may not load)."""
        root = project_root(self.spec_path)
        output_dir, name = guess_output(decide.read(self.spec_path), self.spec_path.stem)
        folder = root / output_dir
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f".{name}.review.lock"

    def say(self, kind: str, message: str) -> None:
        with self.flash_lock:
            self.flash.append((kind, message))

    def take_flash(self) -> list[tuple[str, str]]:
        with self.flash_lock:
            messages, self.flash = self.flash, []
        return messages

    def page(self, changed: bool) -> str:
        data = decide.read(self.spec_path)
        shown = decide.version(data)
        messages = self.take_flash()
        if changed:
            messages.insert(0, ("notice", "The spec changed on disk; the page was reloaded and "
                                          "shows it as it is now."))
        try:
            page, problem = build_page(self.spec_path), None
        except BriefgenError as exc:
            page, problem = None, tidy(str(exc))
        return self.env.get_template("page.html.j2").render(
            page=page, problem=problem, version=shown, token=self.token, messages=messages,
            spec=tidy(str(self.spec_path)), reviewer=self.reviewer,
            build=self.rebuilds.snapshot())


class Handler(BaseHTTPRequestHandler):
    """GET /, /status and the two assets; POST /decide. Nothing else."""

    review: Review  # set on the class made for each server
    server_version = "briefgen-review"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the URL and errors, not every request."""

    def do_GET(self) -> None:
        if not self._allowed(post=False):
            return
        url = urlsplit(self.path)
        if url.path == "/":
            changed = "changed" in parse_qs(url.query)
            self._send(HTTPStatus.OK, "text/html; charset=utf-8",
                       self.review.page(changed).encode("utf-8"))
        elif url.path == "/status":
            body = {"version": decide.version(decide.read(self.review.spec_path)),
                    "build": self.review.rebuilds.snapshot()}
            self._send(HTTPStatus.OK, "application/json", json.dumps(body).encode("utf-8"))
        elif url.path == "/favicon.ico":
            self.send_response(HTTPStatus.NO_CONTENT)
            self._headers(0)
            self.end_headers()
        elif url.path in STATIC:
            name, kind = STATIC[url.path]
            self._send(HTTPStatus.OK, f"{kind}; charset=utf-8", (ASSETS / name).read_bytes())
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")

    def do_POST(self) -> None:
        if not self._allowed(post=True):
            return
        if urlsplit(self.path).path != "/decide":
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")
            return
        form = self._form()
        if form is None:
            return
        if not secrets.compare_digest(form.get("token", ""), self.review.token):
            self._refuse("this page's session token is missing or wrong; reload the page")
            return
        anchor = self._decide(form)
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", f"/#{anchor}")
        self._headers(0)
        self.end_headers()

    def _decide(self, form: dict[str, str]) -> str:
        """Apply the form's decision; what happened is shown on the next page."""
        review = self.review
        try:
            section = int(form.get("section", ""))
        except ValueError:
            review.say("error", "the form names no section")
            return "top"
        decision = decide.Decision(section, form.get("action", ""), form.get("quote", ""),
                                   form.get("by", ""))
        try:
            decide.decide(review.spec_path, decision, form.get("version", ""),
                          review.lock_file())
        except decide.NotWritten as exc:
            review.say("error", f"{tidy(str(exc))}\n{exc.snippet}")
        except BriefgenError as exc:
            review.say("error", tidy(str(exc)))
        else:
            if decision.by.strip():
                review.reviewer = decision.by.strip()
            review.say("notice", _done(decision))
            review.rebuilds.request()
        return f"section-{section + 1}"

    def _form(self) -> dict[str, str] | None:
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._send(HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8", b"bad request\n")
            return None
        body = self.rfile.read(length).decode("utf-8", "replace")
        return {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}

    def _allowed(self, post: bool) -> bool:
        """Loopback peer, our own Host, and for changes no other site's Origin."""
        peer = ipaddress.ip_address(self.client_address[0])
        if not peer.is_loopback:
            self._refuse("requests come from this computer only")
            return False
        hosts = {f"{HOST}:{self.review.port}", f"localhost:{self.review.port}"}
        if self.headers.get("Host") not in hosts:
            self._refuse("this server answers to its own loopback address only")
            return False
        origin = self.headers.get("Origin")
        if post and origin is not None and origin not in {f"http://{h}" for h in hosts}:
            self._refuse("a change must come from this review page")
            return False
        return True

    def _refuse(self, reason: str) -> None:
        self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8",
                   f"refused: {reason}\n".encode())

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self._headers(len(body))
        self.end_headers()
        self.wfile.write(body)

    def _headers(self, length: int) -> None:
        self.send_header("Content-Length", str(length))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "same-origin")  # "no-referrer" makes Origin null
        self.send_header("Cache-Control", "no-store")


def _done(decision: decide.Decision) -> str:
    number = decision.section + 1
    quote = decision.quote if len(decision.quote) <= 80 else decision.quote[:79] + "…"
    return {
        "exclude": f"Section {number}: “{quote}” is left out.",
        "restore": f"Section {number}: “{quote}” is back in.",
        "include": f"Section {number}: “{quote}” is added.",
        "uninclude": f"Section {number}: “{quote}” is no longer added.",
        "review": f"Section {number} is marked reviewed by {decision.by.strip()}.",
    }.get(decision.action, "Done.")


def serve(spec_path: Path, port: int = 0, reviewer: str | None = None) -> ThreadingHTTPServer:
    """A server for the spec's review page on 127.0.0.1 (port 0: a free one); not yet serving."""
    review = Review(spec_path, reviewer or default_reviewer())
    handler = type("ReviewHandler", (Handler,), {"review": review})
    server = ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    review.port = server.server_address[1]
    return server


def default_reviewer() -> str:
    """Who is reviewing, until they type their name: BRIEFGEN_REVIEWER, else the login name."""
    name = os.environ.get("BRIEFGEN_REVIEWER")
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""
