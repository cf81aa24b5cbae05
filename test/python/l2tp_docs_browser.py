# SPDX-License-Identifier: GPL-2.0-only
"""Open every page of a built HTML tree in headless Chromium and report what is broken.

Chromium is driven through the DevTools protocol over a pipe (--remote-debugging-pipe:
JSON messages ending in a NUL byte on file descriptors 3 and 4), so only the standard
library is needed. For each page it reports:

  - a page that does not render: an error page, a document that never finished
    loading, no main content or a main content of no height;
  - an internal link whose file does not exist, or whose #anchor is no id (or name)
    in the page it points to;
  - an image that did not load (naturalWidth 0) or a missing file it names.

    /usr/bin/python3 test/python/l2tp_docs_browser.py build/doc/html
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

# What a page looks like once loaded: evaluated in the page.
PAGE_SCRIPT = r"""
(async () => {
  const images = Array.from(document.images);
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener('load', done); img.addEventListener('error', done);
  })));
  const main = document.querySelector('div.body[role="main"], [role="main"], div.body');
  const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id)
    .concat(Array.from(document.querySelectorAll('a[name]')).map(e => e.name));
  return {
    url: location.href,
    readyState: document.readyState,
    title: document.title,
    mainText: main ? main.innerText.trim().length : -1,
    mainHeight: main ? main.getBoundingClientRect().height : 0,
    ids: ids,
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
    images: images.map(img => ({src: img.src, complete: img.complete,
                                width: img.naturalWidth, height: img.naturalHeight})),
  };
})()
"""


def find_chromium():
    """The Chromium binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """A headless Chromium driven over --remote-debugging-pipe."""

    def __init__(self, binary, timeout=60):
        self.timeout = timeout
        self.profile = tempfile.TemporaryDirectory(prefix="l2tp-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def child_fds():
            # Chromium reads commands on fd 3 and writes answers on fd 4.
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        arguments = [binary, "--headless", "--remote-debugging-pipe", "--no-first-run",
                     "--disable-gpu", "--disable-extensions", "--disable-background-networking",
                     "--allow-file-access-from-files", "--window-size=1280,1024",
                     f"--user-data-dir={self.profile.name}"]
        if os.geteuid() == 0:
            arguments.append("--no-sandbox")  # Chromium refuses its sandbox as root
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(arguments, stdin=subprocess.DEVNULL,
                                        stdout=self.log, stderr=self.log,
                                        preexec_fn=child_fds, pass_fds=(3, 4))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.from_browser, 65536)
            if not chunk:
                self.log.seek(0)
                raise RuntimeError("Chromium closed the pipe: "
                                   + self.log.read().decode(errors="replace")[-2000:])
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False):
        """Send one command and return its result (events arriving meanwhile are kept)."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_event(self, method):
        """Wait for an event of the page's session."""
        deadline = time.monotonic() + self.timeout
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == self.session:
                    del self.events[:index + 1]
                    return event
            self.events.clear()
            self.events.append(self._read_message(deadline))

    def open(self, url):
        """Load a page and return what PAGE_SCRIPT sees in it."""
        self.events.clear()
        result = self.call("Page.navigate", {"url": url}, session=True)
        if result.get("errorText"):
            return {"url": url, "error": result["errorText"]}
        self.wait_event("Page.loadEventFired")
        value = self.call("Runtime.evaluate", {"expression": PAGE_SCRIPT, "awaitPromise": True,
                                               "returnByValue": True}, session=True)
        if "exceptionDetails" in value:
            return {"url": url, "error": str(value["exceptionDetails"])}
        return value["result"]["value"]

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)
        self.log.close()
        self.profile.cleanup()


def pages_of(root):
    """Every .html file under root, relative paths, sorted."""
    found = []
    for directory, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                found.append(os.path.relpath(os.path.join(directory, name), root))
    return sorted(found)


def check_tree(root, binary=None):
    """Open every page under root; return (pages checked, list of problems)."""
    root = os.path.realpath(root)
    pages = pages_of(root)
    problems = []
    if not pages:
        return 0, [f"{root}: no HTML page"]
    browser = Browser(binary or find_chromium())
    seen = {}
    try:
        for page in pages:
            url = "file://" + urllib.parse.quote(os.path.join(root, page))
            seen[page] = browser.open(url)
    finally:
        browser.close()
    for page, info in seen.items():
        if "error" in info:
            problems.append(f"{page}: does not load: {info['error']}")
            continue
        if not info["url"].startswith("file://"):
            problems.append(f"{page}: does not render (shown as {info['url']})")
            continue
        if info["readyState"] != "complete":
            problems.append(f"{page}: does not render (document {info['readyState']})")
        if info["mainText"] <= 0 or info["mainHeight"] <= 0:
            problems.append(f"{page}: does not render (no main content: "
                            f"{info['mainText']} characters, {info['mainHeight']:.0f} px)")
        for image in info["images"]:
            if not image["complete"] or image["width"] == 0 or image["height"] == 0:
                problems.append(f"{page}: figure does not load: {image['src']}")
        for link in info["links"]:
            parsed = urllib.parse.urlparse(link)
            if parsed.scheme != "file":
                continue  # external links are not ours to check here
            target = os.path.realpath(urllib.parse.unquote(parsed.path))
            if not (target == root or target.startswith(root + os.sep)):
                problems.append(f"{page}: link leaves the HTML tree: {link}")
                continue
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            relative = os.path.relpath(target, root)
            if not os.path.exists(target):
                problems.append(f"{page}: link to a missing file: {relative}")
                continue
            fragment = urllib.parse.unquote(parsed.fragment)
            if fragment and relative in seen and "ids" in seen[relative]:
                if fragment not in seen[relative]["ids"]:
                    problems.append(f"{page}: link to a missing anchor: {relative}#{fragment}")
    return len(pages), problems


def main(argv):
    if len(argv) != 1:
        print("usage: l2tp_docs_browser.py HTML_DIR", file=sys.stderr)
        return 2
    binary = find_chromium()
    if not binary:
        print("skipped: no chromium binary (apt-get install chromium)")
        return 77
    count, problems = check_tree(argv[0], binary)
    for problem in problems:
        print(problem)
    print(f"{count} pages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
