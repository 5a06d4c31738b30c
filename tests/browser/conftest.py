"""Browser journeys: Playwright driving the system's Chromium (never a downloaded browser).

``chromium`` is Debian's ``/usr/bin/chromium`` (``$GONGBAO_CHROMIUM`` to override), launched
headless with no sandbox, GPU, QUIC or background networking. When it or Playwright is
missing the journeys are skipped locally and FAIL under ``CI=true`` (``.ci/run`` installs it).
``site`` is a real server (uvicorn on a socket) over a store holding the sample gazette and a
base law plus the decision that amends it. Screenshots and timings go to ``bench/out/web/``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GONGBAO_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUT = Path(__file__).resolve().parents[2] / "bench" / "out" / "web"
TIMINGS: dict[str, float] = {}


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser journeys cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "timings.json").write_text(json.dumps(TIMINGS, indent=1, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    import uvicorn

    from gongbao.api import create_app
    from test_web_pages import build_store

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'site.db'}"
    build_store(url)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(200):
        try:
            httpx.get(base + "/static/app.css", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.05)
    yield base
    srv.should_exit = True
    th.join(timeout=10)


@pytest.fixture
def page(browser, site, request):
    """A fresh page that refuses every request leaving the server (no network needed)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(site) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ctx.route("**/*", guard)
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on(
        "console",
        lambda m: errors.append(m.text) if m.type == "error" and "Content Security Policy" in m.text else None,
    )
    start = time.perf_counter()
    yield pg
    TIMINGS[request.node.name] = round(time.perf_counter() - start, 3)
    ctx.close()
    assert not outside, f"requests left the server: {outside[:3]}"
    assert not errors, f"page errors: {errors[:3]}"


def shot(pg, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    return path


@pytest.fixture
def snap():
    """``snap(page, name)`` saves a screenshot under bench/out/web/ and returns its path."""
    return shot
