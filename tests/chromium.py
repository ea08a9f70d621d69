"""Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe):
no port, no network, no package beyond the browser. Used by the browser tests and
benchmarks/report.py.

    with Chromium.start() as browser:
        page = browser.page(1280, 800)
        page.goto(path)
        page.eval("document.title")
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         "--remote-debugging-pipe")


def find_chromium() -> str | None:
    """$CHROMIUM, else the first Chromium on PATH."""
    env = os.environ.get("CHROMIUM")
    if env:
        return env if shutil.which(env) else None
    return next((p for n in NAMES if (p := shutil.which(n))), None)


class BrowserError(RuntimeError):
    pass


class Chromium:
    def __init__(self, executable: str, timeout: float = 60.0):
        self.timeout = timeout
        self.profile = tempfile.TemporaryDirectory(prefix="extract-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def as_fds_3_and_4():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.log = open(Path(self.profile.name) / "stderr.log", "wb")
        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log,
            preexec_fn=as_fds_3_and_4, pass_fds=(3, 4), start_new_session=True)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next = 0
        self._lock = threading.Lock()
        self._cond = threading.Condition()
        self._results: dict[int, dict] = {}
        self._events: list[dict] = []
        self._closed = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.call("Browser.getVersion")

    @classmethod
    def start(cls, executable: str | None = None) -> "Chromium":
        exe = executable or find_chromium()
        if exe is None:
            raise BrowserError("no Chromium found (install Debian's chromium, or set $CHROMIUM)")
        return cls(exe)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buf += chunk
            *messages, buf = buf.split(b"\0")
            with self._cond:
                for raw in messages:
                    msg = json.loads(raw)
                    if "id" in msg:
                        self._results[msg["id"]] = msg
                    else:
                        self._events.append(msg)
                self._cond.notify_all()
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def call(self, method: str, session: str | None = None, **params) -> dict:
        with self._lock:
            self._next += 1
            ident = self._next
        msg = {"id": ident, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._to_browser, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        with self._cond:
            while ident not in self._results:
                left = deadline - time.monotonic()
                if self._closed or left <= 0:
                    raise BrowserError(f"{method}: no answer from the browser")
                self._cond.wait(left)
            reply = self._results.pop(ident)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def wait_event(self, method: str, session: str | None, since: int, timeout: float | None = None) -> dict:
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._cond:
            while True:
                for ev in self._events[since:]:
                    if ev.get("method") == method and ev.get("sessionId") == session:
                        return ev
                left = deadline - time.monotonic()
                if self._closed or left <= 0:
                    raise BrowserError(f"no {method} from the browser")
                self._cond.wait(left)

    def events(self, session: str | None) -> list[dict]:
        with self._cond:
            return [e for e in self._events if e.get("sessionId") == session]

    def page(self, width: int, height: int, mobile: bool = False) -> "Page":
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = Page(self, session, target)
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.call(f"{domain}.enable")
        page.resize(width, height, mobile)
        return page

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                try:
                    self.call("Browser.close")
                except BrowserError:
                    pass
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        finally:
            for fd in (self._to_browser, self._from_browser):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self.log.close()
            self.profile.cleanup()


class Page:
    def __init__(self, browser: Chromium, session: str, target: str):
        self.browser, self.session, self.target = browser, session, target

    def close(self) -> None:
        self.browser.call("Target.closeTarget", targetId=self.target)

    def call(self, method: str, **params) -> dict:
        return self.browser.call(method, self.session, **params)

    def resize(self, width: int, height: int, mobile: bool = False) -> None:
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=mobile)

    def goto(self, path_or_url: str | Path) -> float:
        """Load and wait for the load event; seconds it took."""
        url = Path(path_or_url).resolve().as_uri() if not str(path_or_url).startswith(("file:", "about:", "data:")) \
            else str(path_or_url)
        since = len(self.browser._events)
        started = time.monotonic()
        self.call("Page.navigate", url=url)
        self.browser.wait_event("Page.loadEventFired", self.session, since)
        return time.monotonic() - started

    def eval(self, expression: str):
        reply = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression[:60]}…: {reply['exceptionDetails'].get('text')} "
                               f"{reply['exceptionDetails'].get('exception', {}).get('description', '')}")
        return reply["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (a blocked load, a CSP
        violation) seen on this page."""
        out = []
        for ev in self.browser.events(self.session):
            p = ev.get("params", {})
            if ev["method"] == "Runtime.exceptionThrown":
                out.append(p["exceptionDetails"].get("exception", {}).get("description") or p["exceptionDetails"]["text"])
            elif ev["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
            elif ev["method"] == "Log.entryAdded" and p["entry"].get("level") == "error":
                out.append(f"{p['entry'].get('source')}: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        return out

    def requests(self) -> list[str]:
        """Every URL the page asked for (the page itself included)."""
        return [ev["params"]["request"]["url"] for ev in self.browser.events(self.session)
                if ev["method"] == "Network.requestWillBeSent"]

    def wait_for(self, expression: str, timeout: float = 10.0):
        """Poll until the expression is truthy (for what the page does after a delay)."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.eval(expression)
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.05)

    def point(self, selector: str, at: float = 0.5) -> tuple[float, float]:
        """A point inside the element (`at` of the way across its first box), once it is
        scrolled into view and the page has settled (a pending scroll would move it from
        under the pointer, and its scroll event would come after the next input)."""
        box = self.eval(f"""(async () => {{ const el = document.querySelector({json.dumps(selector)});
            if (!el) return null; el.scrollIntoView({{block: "center"}});
            for (let i = 0; i < 3; i++) await new Promise(r => requestAnimationFrame(r));
            const r = el.getClientRects()[0]; const x = r.left + r.width * {at}, y = r.top + r.height / 2;
            const hit = document.elementFromPoint(x, y);
            return [x, y, !!hit && (hit === el || el.contains(hit))]; }})()""")
        if box is None:
            raise BrowserError(f"nothing matches {selector}")
        x, y, reachable = box
        if not reachable:
            raise BrowserError(f"{selector} is covered by another element at {x:.0f},{y:.0f}")
        return x, y

    def hover(self, selector: str) -> None:
        x, y = self.point(selector, at=0.25)
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element."""
        x, y = self.point(selector)
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def press(self, key: str, code: str | None = None, keycode: int = 0) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code or key,
                      windowsVirtualKeyCode=keycode, nativeVirtualKeyCode=keycode)

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        params = {"format": "png"}
        if full_page:
            size = self.eval("[document.documentElement.scrollWidth, Math.min(document.documentElement.scrollHeight, 6000)]")
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1})
        data = self.call("Page.captureScreenshot", **params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path
