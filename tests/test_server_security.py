"""Who may ask the server what, in process: the body types every POST takes, the Host and
Origin rules, the token (from the flag, the environment or a file) checked before any body is
read, and the limits of ``/compare`` and ``/extract`` (413, 422, answered without running long).

The browser's own attempts (another origin's page in Chromium, a rebound name) are in
tests/test_browser_security.py."""

from __future__ import annotations

import json
import multiprocessing
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the [server] extra is not installed")
pytest.importorskip("jinja2", reason="the [server] extra is not installed")

from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import EXAMPLES
from newsfold.cli import main
from newsfold.server import create_app
from newsfold.server.compute import Busy, ComputeLimits, Runner
from newsfold.server.guard import HostRule, parse_hosts, split_host
from newsfold.store import open_store

FERRY = [
    EXAMPLES / "harbour-herald" / "kaimai-spirit-aground-tory-channel.txt",
    EXAMPLES / "meridian-daily" / "nz-ferry-runs-aground.txt",
]
HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def page(i: int = 0) -> dict[str, str]:
    p = FERRY[i]
    return {"text": p.read_text("utf-8"), "outlet": p.parent.name}


def assert_error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text[:500]
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return str(body["error"]["message"])


def counts(db: str) -> tuple[int, int]:
    with open_store(db) as store:
        c = store.counts()
    return c["pages"], c["articles"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "sec.db")
    open_store(path).close()
    return path


def loopback(db: str, port: int = 8000, **options: Any) -> TestClient:
    """A client that reaches the server as a browser on this machine does: Host
    ``127.0.0.1:PORT``, on a server bound to loopback (no extra host allowed)."""
    return TestClient(create_app(db, port=port, **options), base_url=f"http://127.0.0.1:{port}")


# -- body types --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "ctype",
    [
        None,  # fetch(..., {mode: "no-cors", body: Blob}) and sendBeacon(url, Blob) send none
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/vnd.api+json",
        "",
    ],
)
def test_posts_take_json_only(db: str, ctype: str | None) -> None:
    client = loopback(db)
    headers = {} if ctype is None else {"content-type": ctype}
    body = json.dumps(page()).encode()
    for path in ("/pages", "/extract", "/pages.json", "/extract.json"):
        r = client.post(path, content=body, headers=headers)
        message = assert_error(r, 415, "unsupported_media_type")
        assert "application/json" in message
    compare = json.dumps({"a": page(0), "b": page(1)}).encode()
    assert_error(
        client.post("/compare", content=compare, headers=headers), 415, "unsupported_media_type"
    )
    assert counts(db) == (0, 0), "nothing was stored"


def test_json_and_jsonl_still_go_in(db: str) -> None:
    client = loopback(db)
    json_type = {"content-type": "application/json; charset=utf-8"}
    r = client.post("/pages", content=json.dumps(page(0)).encode(), headers=json_type)
    assert r.status_code == 200 and r.json()["added"] == 1
    jsonl = {"content-type": "application/x-ndjson"}
    r = client.post("/pages", content=json.dumps(page(1)) + "\n", headers=jsonl)
    assert r.status_code == 200 and r.json()["added"] == 1
    # JSONL is /pages' alone
    r = client.post("/extract", content=json.dumps(page(0)), headers=jsonl)
    assert_error(r, 415, "unsupported_media_type")
    assert client.post("/extract", json=page(0)).status_code == 200
    assert client.post("/compare", json={"a": page(0), "b": page(1)}).status_code == 200


# -- Host --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000", "127.0.0.2:8000"]
)
def test_a_loopback_server_answers_loopback_names(db: str, host: str) -> None:
    client = loopback(db)
    assert client.get("/stories", headers={"host": host}).status_code == 200
    r = client.post("/pages", json=page(), headers={"host": host})
    assert r.status_code == 200 and r.json()["added"] == 1


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:8000",  # a name rebound to 127.0.0.1
        "evil.example",
        "localhost.evil.example:8000",
        "127.0.0.1.evil.example:8000",
        "127.0.0.1:9999",  # another port than the server's
        "localhost:8001",
        "10.0.0.5:8000",  # an address beyond loopback, on a loopback server
        "[::1",
        "a b",
        "localhost:99999",
        "user@localhost:8000",
    ],
)
def test_a_foreign_host_is_refused(db: str, host: str) -> None:
    client = loopback(db)
    assert_error(client.get("/stories", headers={"host": host}), 400, "host_not_allowed")
    # pages too: a rebound page could read them
    r = client.get("/stories", headers={"host": host, **HTML})
    assert r.status_code == 400 and "Kaimai" not in r.text
    assert_error(client.get("/openapi.json", headers={"host": host}), 400, "host_not_allowed")
    r = client.post("/pages", json=page(), headers={"host": host})
    assert_error(r, 400, "host_not_allowed")
    assert counts(db) == (0, 0)


def test_the_test_client_host_is_allowed_only_when_told(db: str) -> None:
    # Starlette's TestClient sends Host: testserver, a name like any other
    assert_error(TestClient(create_app(db)).get("/stories"), 400, "host_not_allowed")
    allowed = TestClient(create_app(db, allowed_hosts=("testserver",)))
    assert allowed.get("/stories").status_code == 200


def test_allowed_hosts(db: str) -> None:
    client = loopback(db, allowed_hosts=("news.example.org", "*.corp.example", "api.example:8443"))
    for ok in ("news.example.org", "news.example.org:8000", "a.corp.example", "b.a.corp.example:1"):
        assert client.get("/stories", headers={"host": ok}).status_code == 200, ok
    for bad in ("corp.example", "xcorp.example", "api.example", "api.example:8000", "evil.org"):
        assert_error(client.get("/stories", headers={"host": bad}), 400, "host_not_allowed")
    anything = loopback(db, allowed_hosts=("*",))
    assert anything.get("/stories", headers={"host": "whatever.example"}).status_code == 200


def test_a_public_bind_answers_addresses_and_allowed_names_only(db: str) -> None:
    public = TestClient(create_app(db, host="0.0.0.0", port=8080), base_url="http://10.0.0.5:8080")
    # IP addresses cannot be rebound: with no allowed host given, they are answered
    for ok in ("10.0.0.5:8080", "192.168.1.20", "[2001:db8::1]:8080", "localhost:8080"):
        assert public.get("/stories", headers={"host": ok}).status_code == 200, ok
    assert_error(public.get("/stories", headers={"host": "news.example"}), 400, "host_not_allowed")
    # with allowed hosts given, those and the loopback names, nothing else
    named = TestClient(
        create_app(db, host="0.0.0.0", port=8080, allowed_hosts=("news.example",)),
        base_url="http://news.example:8080",
    )
    assert named.get("/stories").status_code == 200
    assert_error(named.get("/stories", headers={"host": "10.0.0.5:8080"}), 400, "host_not_allowed")


def test_host_parsing() -> None:
    assert split_host("LocalHost:8000") == ("localhost", 8000)
    assert split_host("[::1]:80") == ("[::1]", 80)
    assert split_host("[::1]") == ("[::1]", None)
    for bad in ("", ":80", "::1", "[zz]:1", "a:b", "a/b", "h:0", "[::1]x"):
        with pytest.raises(ValueError):
            split_host(bad)
    assert parse_hosts(["a.example, b.example:81", "*.c.example"]) == (
        HostRule("a.example", None),
        HostRule("b.example", 81),
        HostRule("*.c.example", None),
    )
    for bad in ("http://a.example", "a.example/path", "a.*.example", "*x.example"):
        with pytest.raises(ValueError, match=r"allow-host|wildcard|host"):
            HostRule.parse(bad)
    with pytest.raises(ValueError):
        create_app("unused.db", allowed_hosts=("https://news.example/",))


# -- Origin ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://127.0.0.1:9999"},  # a page on another local port
        {"origin": "http://localhost:8000"},  # same port, another name: another origin
        {"origin": "http://evil.example"},
        {"origin": "null"},  # a sandboxed frame, a file: or data: page
        {"origin": "file://"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},  # another port of 127.0.0.1 is the same site
    ],
)
def test_a_foreign_origin_cannot_write_or_compute(db: str, headers: dict[str, str]) -> None:
    client = loopback(db)
    assert_error(client.post("/pages", json=page(), headers=headers), 403, "origin_not_allowed")
    assert_error(client.post("/extract", json=page(), headers=headers), 403, "origin_not_allowed")
    compare = {"a": page(0), "b": page(1)}
    r = client.post("/compare", json=compare, headers=headers)
    assert_error(r, 403, "origin_not_allowed")
    # even without a body type, the origin is what refuses it
    r = client.post("/pages", content=b"{}", headers=headers)
    assert_error(r, 403, "origin_not_allowed")
    # a preflight from elsewhere gets no CORS grant
    pre = client.options(
        "/pages",
        headers={**headers, "access-control-request-method": "POST"},
    )
    assert pre.status_code in (403, 405)
    assert not [h for h in pre.headers if h.lower().startswith("access-control-")]
    assert counts(db) == (0, 0)
    # reads from anywhere are answered as before (a browser keeps them from other origins)
    assert client.get("/stories", headers=headers).status_code == 200


def test_the_servers_own_pages_may_write(db: str) -> None:
    client = loopback(db)
    own = {"origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"}
    assert client.post("/pages", json=page(), headers=own).json()["added"] == 1
    behind_tls = loopback(db, allowed_hosts=("news.example",))
    r = behind_tls.post(
        "/extract",
        json=page(),
        headers={"host": "news.example", "origin": "https://news.example"},
    )
    assert r.status_code == 200


# -- the token ---------------------------------------------------------------------------------
class Streamed:
    """A request body sent in chunks, with no Content-Length, that records being read."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read = 0

    def __iter__(self) -> Iterator[bytes]:
        while self.read < self.size:
            self.read += 1000
            yield b" " * 1000


@pytest.mark.parametrize("path", ["/pages", "/compare", "/extract"])
def test_the_token_is_checked_before_the_body_is_read(db: str, path: str) -> None:
    # a public bind with a token: every POST needs it
    client = TestClient(
        create_app(db, host="0.0.0.0", token="s3cret", max_body_bytes=2000, allowed_hosts=("*",))
    )
    big = b" " * 10_000
    json_type = {"content-type": "application/json"}
    # over the body limit and no token: 401, not 413
    assert_error(client.post(path, content=big, headers=json_type), 401, "unauthorized")
    wrong = {**json_type, "authorization": "Bearer nope"}
    assert_error(client.post(path, content=big, headers=wrong), 403, "forbidden")
    # a streamed body is not read at all
    body = Streamed(50_000)
    assert_error(client.post(path, content=body, headers=json_type), 401, "unauthorized")
    assert body.read == 0, "the body was read before the token was checked"
    # with the token, the body limit answers
    right = {**json_type, "authorization": "Bearer s3cret"}
    assert_error(client.post(path, content=big, headers=right), 413, "too_large")
    # a public bind without a token refuses them unread too
    open_ = TestClient(create_app(db, host="0.0.0.0", allowed_hosts=("*",)))
    body = Streamed(50_000)
    assert_error(open_.post(path, content=body, headers=json_type), 403, "token_required")
    assert body.read == 0


def test_a_foreign_host_or_origin_is_refused_unread(db: str) -> None:
    client = loopback(db)
    json_type = {"content-type": "application/json"}
    body = Streamed(50_000)
    r = client.post("/pages", content=body, headers={**json_type, "host": "evil.example:8000"})
    assert_error(r, 400, "host_not_allowed")
    r = client.post("/pages", content=body, headers={**json_type, "origin": "http://evil.example"})
    assert_error(r, 403, "origin_not_allowed")
    assert body.read == 0


def test_compute_is_open_on_loopback_even_with_a_token(db: str) -> None:
    client = loopback(db, token="s3cret")
    assert client.post("/extract", json=page()).status_code == 200
    assert_error(client.post("/pages", json=page()), 401, "unauthorized")
    r = client.post("/pages", json=page(), headers={"authorization": "Bearer s3cret"})
    assert r.status_code == 200


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What ``newsfold serve`` would start the server with (it is not started)."""
    calls: list[dict[str, Any]] = []

    def fake(db: str, **options: Any) -> None:
        calls.append({"db": db, **options})

    monkeypatch.setattr("newsfold.server.serve", fake)
    for name in ("NEWSFOLD_TOKEN", "NEWSFOLD_TOKEN_FILE", "NEWSFOLD_ALLOW_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    return calls


def test_serve_reads_the_token_from_env_or_file(
    db: str, tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    run = CliRunner().invoke
    r = run(main, ["serve", "--db", db], env={"NEWSFOLD_TOKEN": "from-env"})
    assert r.exit_code == 0, r.output
    assert served[-1]["token"] == "from-env" and "visible" not in r.stderr

    secret = tmp_path / "token"
    secret.write_text("from-file\n", "utf-8")
    secret.chmod(0o600)
    r = run(main, ["serve", "--db", db, "--token-file", str(secret)])
    assert r.exit_code == 0, r.output
    assert served[-1]["token"] == "from-file" and r.stderr == ""
    r = run(main, ["serve", "--db", db], env={"NEWSFOLD_TOKEN_FILE": str(secret)})
    assert r.exit_code == 0 and served[-1]["token"] == "from-file"

    # the flag still works, and says it shows in ps
    r = run(main, ["serve", "--db", db, "--token", "on-the-line"])
    assert r.exit_code == 0 and served[-1]["token"] == "on-the-line"
    assert "visible to other users" in r.stderr

    n = len(served)
    secret.chmod(0o644)
    r = run(main, ["serve", "--db", db, "--token-file", str(secret)])
    assert r.exit_code == 0 and "can be read by other users" in r.stderr
    for args, env, says in [
        (["--token-file", str(secret)], {"NEWSFOLD_TOKEN": "x"}, "one way"),
        (["--token-file", str(tmp_path / "missing")], {}, "cannot read"),
        (["--token", "  "], {}, "empty"),
    ]:
        r = run(main, ["serve", "--db", db, *args], env=env)
        assert r.exit_code == 2 and says in r.stderr, r.output
    empty = tmp_path / "empty"
    empty.write_text("\n", "utf-8")
    r = run(main, ["serve", "--db", db, "--token-file", str(empty)])
    assert r.exit_code == 2 and "is empty" in r.stderr
    assert len(served) == n + 1, "a bad token never starts the server"


def test_serve_takes_allowed_hosts(db: str, served: list[dict[str, Any]]) -> None:
    run = CliRunner().invoke
    r = run(
        main, ["serve", "--db", db, "--allow-host", "a.example", "--allow-host", "b.example:81"]
    )
    assert r.exit_code == 0, r.output
    assert served[-1]["allowed_hosts"] == ("a.example", "b.example:81")
    r = run(main, ["serve", "--db", db], env={"NEWSFOLD_ALLOW_HOSTS": "a.example c.example"})
    assert served[-1]["allowed_hosts"] == ("a.example", "c.example")
    r = run(main, ["serve", "--db", db, "--allow-host", "https://a.example/"])
    assert r.exit_code == 2 and "not a URL" in r.stderr
    r = run(main, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert "without a token" in r.stderr and "/compare" in r.stderr


# -- /compare and /extract limits --------------------------------------------------------------
def text_of(paragraphs: list[str]) -> str:
    return "Harbour works delayed again by storms\n\n" + "\n\n".join(paragraphs)


def test_compare_caps_answer_422_before_the_work(db: str) -> None:
    rng = random.Random(7)
    words = [f"word{i}" for i in range(2000)]

    def para() -> str:
        return " ".join(rng.choice(words) for _ in range(25)).capitalize() + "."

    # the case: two texts of 2.4 MB (here ~11,000 paragraphs each)
    big = text_of([para() for _ in range(11_000)])
    assert len(big) > 2_000_000
    client = loopback(db)
    r = client.post("/compare", json={"a": {"text": big}, "b": {"text": big}})
    message = assert_error(r, 422, "too_many_paragraphs")
    assert "a:" in message and "1,000" in message
    # smaller caps, the other cap and the other side
    capped = loopback(db, compute=ComputeLimits(max_paragraphs=40, max_words=2_000))
    small = text_of([para() for _ in range(10)])
    assert (
        capped.post("/compare", json={"a": {"text": small}, "b": {"text": small}}).status_code
        == 200
    )
    many = text_of([para() for _ in range(60)])
    r = capped.post("/compare", json={"a": {"text": small}, "b": {"text": many}})
    assert "b:" in assert_error(r, 422, "too_many_paragraphs")
    wordy = text_of([para() * 6 for _ in range(20)])
    r = capped.post("/compare", json={"a": {"text": wordy}, "b": {"text": small}})
    assert "2,000" in assert_error(r, 422, "too_many_words")


def test_slow_work_is_stopped(db: str) -> None:
    # two long texts of few distinct words: reading both and diffing them (cydifflib; it took
    # seconds with pure difflib) takes a few tenths of a second, far over a limit of 0.05 s
    rng = random.Random(3)
    a = [rng.choice(("tide", "wall", "surge")) for _ in range(15000)]
    b = [("x" + w if rng.random() < 0.1 else w) for w in a]

    def sentence(words: list[str]) -> str:
        # a comma every 20 words: a long line with no mark at all is a tag cloud, not text
        return ", ".join(" ".join(words[i : i + 20]) for i in range(0, len(words), 20)) + "."

    sides = {"a": {"text": text_of([sentence(a)])}, "b": {"text": text_of([sentence(b)])}}
    client = loopback(db, compute=ComputeLimits(seconds=0.05))
    r = client.post("/compare", json=sides)
    assert "0.05 s" in assert_error(r, 422, "too_slow")
    long_page = {"text": text_of([sentence(a) for _ in range(40)])}
    hasty = loopback(db, compute=ComputeLimits(seconds=0.01))
    assert_error(hasty.post("/extract", json=long_page), 422, "too_slow")
    # the worker was killed, not left running
    assert multiprocessing.active_children() == []
    # and the same server goes on answering, at a limit an ordinary page fits in (one takes
    # 0.04-0.08 s here, so that 0.05 s was a coin flip on a loaded machine: CI failed on it)
    client.app.state.compute.limits = ComputeLimits(seconds=10)
    assert client.post("/extract", json=page()).status_code == 200


def test_compute_errors_keep_their_shape(db: str) -> None:
    client = loopback(db, max_body_bytes=5000)
    assert_error(client.post("/extract", json={"text": "x " * 5000}), 413, "too_large")
    assert_error(client.post("/extract", json={"text": "   "}), 422, "empty")
    r = client.post("/compare", json={"a": "a_missing", "b": {"text": "A short page."}})
    assert_error(r, 404, "not_found")


def test_no_free_worker_is_503() -> None:
    runner = Runner(ComputeLimits(seconds=0.05, slots=1))
    assert runner._slots.acquire(timeout=1)
    with pytest.raises(Busy):
        runner.run("extract", "{}", "x", None)


def test_a_burst_of_compute_requests_waits_in_few_threads() -> None:
    """Past ``slots`` running and as many waiting, a request is busy at once: it does not hold
    one of the server's threads for the time limit (a burst took them all, and every other
    route queued behind it)."""
    import contextlib
    import threading
    import time

    from newsfold.errors import InputError

    runner = Runner(ComputeLimits(seconds=5, slots=1))
    assert runner._slots.acquire(timeout=1)  # the one slot is taken (as by a running task)

    def wait() -> None:
        with contextlib.suppress(Busy, InputError):
            runner.run("extract", "{}", "x", None)

    waiting = [threading.Thread(target=wait) for _ in range(2)]  # running or waiting: two
    for t in waiting:
        t.start()
    time.sleep(0.2)
    started = time.monotonic()
    with pytest.raises(Busy):
        runner.run("extract", "{}", "x", None)
    assert time.monotonic() - started < 1  # at once, not after the 5 s it would have waited
    runner._slots.release()
    for t in waiting:
        t.join(60)
