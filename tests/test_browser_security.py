"""Cross-site writes in a real browser: ``newsfold serve`` started for real on a loopback port
over a store, a page from ANOTHER local port (a small http.server) that tries to put pages in
the store the ways a browser lets any page try, and a DNS-rebound name. Every attempt is
refused and the store is unchanged; the server's own pages can still write (so the refusals are
the server's, not the browser's).

Headless Chromium is Debian's ``chromium`` (Playwright downloads none); the tests skip, saying
so, where there is none."""

from __future__ import annotations

import http.client
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from browser import launch
from conftest import EXAMPLES, ROOT
from newsfold import fold
from newsfold.store import open_store

REBOUND = "rebind.test"  # a name the browser resolves to 127.0.0.1, as a rebinding attack does
PLANTED = (
    "Planted story: harbour bridge to close for a year\n\n"
    "The harbour bridge will close to all traffic for a year from Monday while its deck is "
    "replaced, the city council said on Thursday, in a decision that surprised residents.\n\n"
    "Council engineer Mara Quist said the deck had worn faster than expected and that the "
    "ferries would run every ten minutes while the work went on through the winter.\n\n"
    "Shop owners on the north side said they feared losing half their trade, and asked the "
    "council to pay for a shuttle bus between the two ferry landings during the closure."
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def counts(db: str) -> dict[str, int]:
    with open_store(db) as store:
        c = store.counts()
    return {k: c[k] for k in ("pages", "articles", "stories", "rejected")}


@dataclass
class Served:
    db: str
    port: int
    proc: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    db = str(tmp_path_factory.mktemp("browser-sec") / "store.db")
    fold([EXAMPLES / "harbour-herald", EXAMPLES / "meridian-daily"], db)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    for name in ("NEWSFOLD_TOKEN", "NEWSFOLD_TOKEN_FILE", "NEWSFOLD_ALLOW_HOSTS"):
        env.pop(name, None)
    code = "import sys; from newsfold.cli import main; sys.exit(main())"
    # loopback with no token: writes are open to this machine's own clients, as in the issue
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", db, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            status, _, _ = raw(port, "GET", "/stories", {"host": f"127.0.0.1:{port}"})
            if status == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "the server did not answer within 60 s"
        time.sleep(0.2)
    try:
        yield Served(db, port, proc)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def raw(
    port: int, method: str, path: str, headers: dict[str, str], body: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request with exactly these headers (Host included), as any client may send."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for k, v in headers.items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("content-length", str(len(body)))
        conn.endheaders(body)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


ATTACK = """<!doctype html><html><head><title>Win a prize</title></head><body>
<iframe name="sink" id="sink"></iframe>
<form id="form" method="POST" action="TARGET/pages" enctype="text/plain" target="sink">
<input type="hidden" name='{"outlet": "attacker", "text": "FORMTEXT", "x": "' value='"}'>
</form>
<script>
const target = "TARGET";
const record = JSON.stringify({text: PLANTED, outlet: "attacker"});
window.results = {};
window.attack = async () => {
  try {
    await fetch(target + "/pages", {method: "POST", mode: "no-cors", body: new Blob([record])});
    results.nocors_blob = "sent";
  } catch (e) { results.nocors_blob = "error: " + e; }
  try {
    await fetch(target + "/pages", {method: "POST", mode: "no-cors",
                                     headers: {"content-type": "text/plain"}, body: record});
    results.nocors_text = "sent";
  } catch (e) { results.nocors_text = "error: " + e; }
  results.beacon = navigator.sendBeacon(target + "/pages", new Blob([record]));
  results.beacon_text = navigator.sendBeacon(target + "/compare", record);
  try {
    const r = await fetch(target + "/pages", {method: "POST",
      headers: {"content-type": "application/json"}, body: record});
    results.json = "answered " + r.status;
  } catch (e) { results.json = "blocked"; }
  try {
    const r = await fetch(target + "/stories.json");
    results.read = "answered " + r.status;
  } catch (e) { results.read = "blocked"; }
  return results;
};
</script></body></html>"""


@pytest.fixture(scope="module")
def attacker(served: Served) -> Iterator[str]:
    """A page on another local port, as any site the user visits could serve it."""
    page = (
        ATTACK.replace("TARGET", served.url)
        .replace("PLANTED", json.dumps(PLANTED))
        .replace("FORMTEXT", PLANTED.replace("\n", " ").replace('"', ""))
        .encode()
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch(f"--host-resolver-rules=MAP {REBOUND} 127.0.0.1") as b:
        yield b


def test_a_page_on_another_port_cannot_write(served: Served, attacker: str, browser: Any) -> None:
    before = counts(served.db)
    context = browser.new_context()
    seen: list[tuple[str, str, int]] = []  # what reached the server, and its answer

    def on_response(r: Any) -> None:
        if r.url.startswith(served.url):
            seen.append((r.request.method, r.url[len(served.url) :], r.status))

    context.on("response", on_response)
    page = context.new_page()
    page.goto(attacker + "/")
    results = page.evaluate("attack()")
    assert results["nocors_blob"] == "sent" and results["nocors_text"] == "sent", results
    assert results["beacon"] is True and results["beacon_text"] is True, results
    # the preflight is refused and grants nothing: the JSON write never leaves the browser
    assert results["json"] == "blocked", results
    assert results["read"] == "blocked", results  # no CORS grant: another origin reads nothing
    with page.expect_response(lambda r: r.url == served.url + "/pages") as form:
        page.evaluate("document.getElementById('form').submit()")
    # (its answer is not shown: no page of the server is framed)
    assert form.value.status == 403

    # every write that reached the server was refused
    deadline = time.monotonic() + 15
    while len([s for s in seen if s[0] == "POST"]) < 5 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    posts = [s for s in seen if s[0] == "POST"]
    assert len(posts) >= 3, seen  # the no-cors fetches and the form at least
    assert all(status in (400, 403, 415) for _, _, status in posts), seen
    assert not [s for s in seen if s[0] == "POST" and s[2] < 400], seen
    context.close()
    assert counts(served.db) == before, "a page on another port changed the store"

    # the preflight a browser sends, answered without any CORS grant
    status, headers, _ = raw(
        served.port,
        "OPTIONS",
        "/pages",
        {
            "host": f"127.0.0.1:{served.port}",
            "origin": attacker,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert status in (403, 405)
    assert not [h for h in headers if h.startswith("access-control-")], headers


def test_a_rebound_name_is_refused(served: Served, browser: Any) -> None:
    """DNS rebinding: once a name the attacker's page came from resolves to 127.0.0.1, the
    page's script talks to the server as its own origin, and no CORS rule stops it: the Host
    rule does. (Chromium's own local-network checks would stop a page loaded from a public
    address first; the server must not count on every browser having them, so the script
    here runs in a document of the rebound origin loaded from 127.0.0.1 itself.)"""
    before = counts(served.db)
    origin = f"http://{REBOUND}:{served.port}"
    context = browser.new_context()
    page = context.new_page()
    # a page of the rebound name is refused, and shows nothing of the store
    response = page.goto(origin + "/stories")
    assert response is not None and response.status == 400
    assert "does not answer to the host" in page.inner_text("body")
    assert "ferry" not in page.inner_text("body").lower()
    got = page.evaluate(
        """async (record) => {
             const out = {};
             const read = await fetch("/stories.json");
             out.read = [read.status, await read.text()];
             const html = await fetch("/stories", {headers: {accept: "text/html"}});
             out.html = [html.status, await html.text()];
             const write = await fetch("/pages", {method: "POST",
               headers: {"content-type": "application/json"}, body: record});
             out.write = [write.status, await write.text()];
             return out;
           }""",
        json.dumps({"text": PLANTED, "outlet": "attacker"}),
    )
    for what in ("read", "html", "write"):
        status, text = got[what]
        assert status == 400, (what, status, text[:300])
        assert "host_not_allowed" in text, (what, text[:300])
        assert "Kaimai" not in text and "ferry" not in text.lower()
    context.close()
    assert counts(served.db) == before

    # the same with any client: a foreign Host header, on a page and on a write
    host = f"{REBOUND}:{served.port}"
    status, _, body = raw(served.port, "GET", "/stories", {"host": host, "accept": "text/html"})
    assert status == 400 and b"ferry" not in body.lower()
    record = json.dumps({"text": PLANTED}).encode()
    status, _, body = raw(
        served.port,
        "POST",
        "/pages",
        {"host": host, "content-type": "application/json"},
        record,
    )
    assert status == 400 and json.loads(body)["error"]["code"] == "host_not_allowed"
    assert counts(served.db) == before


def test_the_servers_own_page_can_still_write(served: Served, browser: Any) -> None:
    """The control: the same browser, from the server's own origin, writes (so the refusals
    above are the server's rules, not the browser's)."""
    before = counts(served.db)
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url + "/stories")
    status, out, extracted = page.evaluate(
        """async (record) => {
             const post = (path) => fetch(path, {method: "POST",
               headers: {"content-type": "application/json"}, body: record});
             const r = await post("/pages");
             const e = await post("/extract");  // in the server's worker process
             return [r.status, await r.json(), await e.json()];
           }""",
        json.dumps({"text": PLANTED, "outlet": "own-page"}),
    )
    context.close()
    assert status == 200 and out["added"] == 1, out
    assert extracted["headline"] == PLANTED.split("\n")[0], extracted
    after = counts(served.db)
    assert after["pages"] == before["pages"] + 1 and after["articles"] == before["articles"] + 1


def test_the_token_file_keeps_the_token_out_of_ps(tmp_path: Path) -> None:
    """``--token-file``: the running server's command line holds the file's name, not the
    token, and the token is required."""
    db = str(tmp_path / "t.db")
    open_store(db).close()
    secret = tmp_path / "token"
    secret.write_text("s3cret-token-value\n", "utf-8")
    secret.chmod(0o600)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop("NEWSFOLD_TOKEN", None)
    code = "import sys; from newsfold.cli import main; sys.exit(main())"
    args = ["serve", "--db", db, "--port", str(port), "--token-file", str(secret)]
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        host = {"host": f"127.0.0.1:{port}", "content-type": "application/json"}
        body = json.dumps({"text": PLANTED}).encode()
        while True:
            try:
                status, _, _ = raw(port, "POST", "/pages", host, body)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert status == 401
        cmdline = Path(f"/proc/{proc.pid}/cmdline")
        if cmdline.exists():
            assert b"s3cret-token-value" not in cmdline.read_bytes()
        status, _, _ = raw(
            port, "POST", "/pages", {**host, "authorization": "Bearer s3cret-token-value"}, body
        )
        assert status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
