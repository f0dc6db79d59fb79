#!/usr/bin/env python3
"""browser: the built site, as headless Chromium renders it on a 375 px wide phone.

In a temp copy of the project, `l10n build`; serve out/site with `python3 -m http.server` on
127.0.0.1 (a free port; the server is stopped at the end, also on failure). A harness page written
into the served folder loads every page in a 375 px wide same-origin iframe and records:
- getComputedStyle(documentElement).direction: rtl for ar, ltr for every other page;
- documentElement.scrollWidth <= clientWidth: no horizontal scroll at 375 px;
- fetch() of every language-switcher link (nav.language-switcher a): HTTP 200;
and writes JSON into <pre id="result">, read back with chromium --dump-dom.
Then a 375x1400 screenshot of every locale's page goes to the screenshots folder (for people to
look at), and the fonts that Arabic and Japanese pages need are checked to be installed.
"""

import html
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import tomllib

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import l10n_testlib as lib  # noqa: E402

args = lib.parse_args(__doc__, lambda p: p.add_argument(
    "--screenshots", required=True, help="folder for the per-locale screenshots"))
c = lib.Checker("browser")

CHROMIUM = "/usr/bin/chromium"
RTL = {"ar"}
DOC = "microneedling-guide.html"

if not os.access(CHROMIUM, os.X_OK):
    print(f"FAIL {CHROMIUM} not found: install Debian's chromium (apt-get install chromium "
          "fonts-noto-core fonts-noto-cjk; `make test` installs them)")
    sys.exit(1)

proj = lib.copy_project(args.root, os.path.join(args.scratch, "project"))
p = lib.run([args.l10n, "build"], cwd=proj)
c.check(p.returncode == 0, "l10n build in a temp copy: exit 0 (every locale published)",
        f"exit {p.returncode}\n{lib.text(p.stdout)}{lib.text(p.stderr)}")
site = os.path.join(proj, "out", "site")
if not os.path.isdir(site):
    c.finish()
with open(os.path.join(proj, "l10n.toml"), "rb") as f:
    project = tomllib.load(f)["project"]
expected = [project["source_locale"], *project["target_locales"]]
locales = sorted(d for d in os.listdir(site)
                 if os.path.isfile(os.path.join(site, d, DOC)))
for loc in expected:
    c.check(loc in locales, f"page for {loc} built", f"missing {site}/{loc}/{DOC}")
pages = [f"{loc}/{DOC}" for loc in locales] + ["index.html"]
print(f"pages to test: {', '.join(pages)}")

HARNESS = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>harness</title>
<style>iframe { width: 375px; height: 800px; border: 0; display: block; }</style></head>
<body><pre id="result">pending</pre>
<script>
const PAGES = __PAGES__;
function loadInFrame(url) {
  return new Promise((resolve) => {
    const f = document.createElement('iframe');
    const timer = setTimeout(() => resolve({frame: f, timedOut: true}), 10000);
    f.addEventListener('load', () => { clearTimeout(timer); resolve({frame: f, timedOut: false}); });
    f.src = url;
    document.body.appendChild(f);
  });
}
async function probe(url) {
  const r = {page: url};
  try {
    const {frame, timedOut} = await loadInFrame(url);
    r.timedOut = timedOut;
    const w = frame.contentWindow, d = frame.contentDocument, de = d.documentElement;
    if (d.fonts && d.fonts.ready) await d.fonts.ready;
    r.lang = de.getAttribute('lang');
    r.direction = w.getComputedStyle(de).direction;
    r.frameWidth = frame.getBoundingClientRect().width;
    r.innerWidth = w.innerWidth;
    r.scrollWidth = de.scrollWidth;
    r.clientWidth = de.clientWidth;
    r.stylesheetApplied = d.body ? w.getComputedStyle(d.body).marginTop === '0px' : false;
    // What sticks out, for the failure message.
    // The visible box: in rtl the vertical scroll bar is on the left.
    r.overflowing = [];
    const lo = r.direction === 'rtl' ? w.innerWidth - de.clientWidth : 0, hi = lo + de.clientWidth;
    for (const el of d.body ? d.body.querySelectorAll('*') : []) {
      if (el.closest('.skip-link')) continue;  // off screen on purpose until focused
      const b = el.getBoundingClientRect();
      if (b.width > 0 && (b.right > hi + 0.5 || b.left < lo - 0.5)) {
        r.overflowing.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') +
                           ' [' + Math.round(b.left) + ',' + Math.round(b.right) + ']');
        if (r.overflowing.length >= 5) break;
      }
    }
    r.links = [];
    for (const a of d.querySelectorAll('nav.language-switcher a')) {
      const link = {href: a.getAttribute('href'), url: a.href};
      try {
        const resp = await fetch(a.href, {cache: 'no-store'});
        link.status = resp.status;
      } catch (e) { link.status = 0; link.error = String(e); }
      r.links.push(link);
    }
    frame.remove();
  } catch (e) { r.error = String(e); }
  return r;
}
(async () => {
  const results = [];
  for (const p of PAGES) results.push(await probe(p));
  const out = document.getElementById('result');
  out.textContent = JSON.stringify({done: true, results});
})();
</script></body></html>
"""
with open(os.path.join(site, "harness.html"), "w", encoding="utf-8") as f:
    f.write(HARNESS.replace("__PAGES__", json.dumps(["/" + p_ for p_ in pages])))

CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic"]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc):
    """Stops a process this test started, and its process group (it was started as its leader)."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=5)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def chromium(extra, log_name, timeout=120):
    """Runs chromium with the fixed flags, a fresh profile under scratch; returns (rc, stdout)."""
    profile = tempfile.mkdtemp(prefix="profile-", dir=args.scratch)
    cmd = [CHROMIUM, *CHROME_FLAGS, f"--user-data-dir={profile}", *extra]
    with open(os.path.join(args.scratch, log_name), "wb") as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop(proc)
            return None, b""
        finally:
            stop(proc)
    shutil.rmtree(profile, ignore_errors=True)
    return proc.returncode, out


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


server = None
server_log = open(os.path.join(args.scratch, "http-server.log"), "wb")
try:
    port = None
    for _ in range(5):
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                                   str(port)], cwd=site, stdout=server_log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 10
        up = False
        while time.time() < deadline and server.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    up = True
                    break
            except OSError:
                time.sleep(0.1)
        if up:
            break
        stop(server)
        server = None
    if not c.check(server is not None, f"http.server serves out/site on 127.0.0.1:{port}"):
        c.finish()
    base = f"http://127.0.0.1:{port}"

    rc, dom = chromium(["--virtual-time-budget=15000", "--dump-dom", f"{base}/harness.html"],
                       "chromium-harness.log")
    c.check(rc == 0, f"chromium --dump-dom harness.html: exit 0 (exit {rc})",
            "see " + os.path.join(args.scratch, "chromium-harness.log"))
    m = re.search(r'<pre id="result"[^>]*>(.*?)</pre>', lib.text(dom), re.S)
    data = None
    if m:
        try:
            data = json.loads(html.unescape(m.group(1)))
        except ValueError:
            pass
    if not c.check(data is not None and data.get("done"), "harness wrote its JSON result",
                   lib.text(dom)[-1500:]):
        c.finish()
    with open(os.path.join(args.scratch, "harness-result.json"), "w") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
    results = {r["page"].lstrip("/"): r for r in data["results"]}
    c.check(sorted(results) == sorted(pages), "harness measured every page", str(sorted(results)))
    for page in pages:
        r = results.get(page)
        if r is None:
            continue
        loc = page.split("/")[0] if "/" in page else None
        if not c.check("error" not in r and not r.get("timedOut"), f"{page}: loaded in the iframe",
                       json.dumps(r)):
            continue
        c.check(r.get("frameWidth") == 375, f"{page}: frame is 375 px wide", str(r.get("frameWidth")))
        c.check(r.get("stylesheetApplied"), f"{page}: the site stylesheet applied")
        want = "rtl" if loc in RTL else "ltr"
        c.check(r.get("direction") == want, f"{page}: computed direction {want}",
                f"direction={r.get('direction')!r}")
        c.check(r["scrollWidth"] <= r["clientWidth"],
                f"{page}: no horizontal scroll at 375 px (scrollWidth {r['scrollWidth']} <= "
                f"clientWidth {r['clientWidth']})", "sticking out: " + "; ".join(r["overflowing"]))
        if loc is not None:
            links = r.get("links", [])
            linked = sorted(l_["href"].split("/")[-2] for l_ in links if l_.get("href"))
            want_links = sorted(x for x in expected if x != "qps-ploc")
            c.check(linked == want_links, f"{page}: switcher links to {', '.join(want_links)}",
                    f"links to {linked}")
            for link in links:
                c.check(link.get("status") == 200, f"{page}: switcher link {link['href']} -> 200",
                        json.dumps(link))

    # Screenshots, one per locale page, for people to look at.
    os.makedirs(args.screenshots, exist_ok=True)
    for loc in locales:
        shot = os.path.join(args.screenshots, f"{loc}.png")
        if os.path.exists(shot):
            os.remove(shot)
        rc, _ = chromium(["--virtual-time-budget=15000", f"--screenshot={shot}",
                          "--window-size=375,1400", f"{base}/{loc}/{DOC}"],
                         f"chromium-screenshot-{loc}.log")
        size = png_size(shot) if os.path.isfile(shot) else None
        c.check(rc == 0 and size is not None, f"screenshot {shot} written (exit {rc}, {size})")
finally:
    stop(server)
    server_log.close()

# Arabic and Japanese need fonts that have their glyphs, or the screenshots show boxes (tofu).
if shutil.which("fc-list"):
    for lang, pkg in (("ar", "fonts-noto-core"), ("ja", "fonts-noto-cjk")):
        p = lib.run(["fc-list", f":lang={lang}", "family"])
        fams = sorted(set(lib.text(p.stdout).split("\n")) - {""})
        c.check(bool(fams), f"a font covering :lang={lang} is installed ({len(fams)} families"
                f"{': ' + fams[0] if fams else ''})",
                f"install {pkg} (apt-get install {pkg}; `make test` installs it)")
else:
    print("note: fc-list not found; font coverage not checked")

c.finish()
