"""Every page type (tests/a11y/pages.py) in a real browser (Debian's Chromium):

- axe-core finds no serious or critical violation, in Danish, Arabic and Tigrinya; the run
  prints each page and the rules it checked;
- no visible text is smaller than 12 px, meta text is at least 14 px and body text 16 px;
- at 320 px width and at 200 % zoom no text runs off the screen (only charts and wide
  tables may scroll, inside their own scroll box).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.a11y.pages import PageType, login_with_form, page_types, seed_pages
from tests.conftest import make_app, serving

pytestmark = pytest.mark.browser

AXE_LANGUAGES = ("da", "ar", "ti")
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[PageType]]]:
    tmp: Path = tmp_path_factory.mktemp("every-page")
    application = make_app(
        f"sqlite:///{tmp / 'pages.sqlite3'}", tmp, WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=False
    )
    ids = seed_pages(application)
    with serving(application) as url:
        yield url, page_types(ids)


class Visitor:
    """One logged-in browser context per role (or anonymous), reused across pages."""

    def __init__(self, browser, base: str, **context_options: object) -> None:  # type: ignore[no-untyped-def]
        self.browser = browser
        self.base = base
        self.options = context_options
        self.pages: dict[str | None, object] = {}

    def open(self, page_type: PageType, lang: str):  # type: ignore[no-untyped-def]
        page = self.pages.get(page_type.login)
        if page is None:
            context = self.browser.new_context(**self.options)
            page = context.new_page()
            if page_type.login:
                login_with_form(page, self.base, page_type.login)
            self.pages[page_type.login] = page
        response = page.goto(page_type.url(self.base, lang))  # type: ignore[attr-defined]
        assert response is not None and response.status == 200, (page_type.label, lang)
        if page_type.open_chat:
            page.locator("#jobvej-chat-toggle").click()  # type: ignore[attr-defined]
            page.locator("#jobvej-chat-panel").wait_for(state="visible")  # type: ignore[attr-defined]
        page.evaluate("document.fonts.ready.then(() => true)")  # type: ignore[attr-defined]
        return page

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()  # type: ignore[attr-defined]


@pytest.fixture
def visitor(browser, site) -> Iterator[Visitor]:  # type: ignore[no-untyped-def]
    base, _ = site
    v = Visitor(browser, base, viewport={"width": 1280, "height": 900})
    yield v
    v.close()


@pytest.mark.parametrize("lang", AXE_LANGUAGES)
def test_axe_finds_no_serious_violations(site, visitor: Visitor, lang: str, capsys) -> None:  # type: ignore[no-untyped-def]
    """Writes every page checked and the rules axe ran to the terminal (also without -s)."""
    from axe_playwright_python.sync_playwright import Axe

    _, pages = site
    axe = Axe()
    failures: list[str] = []
    rules_checked: Counter[str] = Counter()
    report = [f"axe-core in Chromium, language {lang}:"]
    for page_type in pages:
        page = visitor.open(page_type, lang)
        response = axe.run(page).response
        for group in ("passes", "violations", "incomplete"):
            rules_checked.update(rule["id"] for rule in response[group])
        serious = [v for v in response["violations"] if v.get("impact") in SERIOUS]
        minor = [v["id"] for v in response["violations"] if v.get("impact") not in SERIOUS]
        report.append(
            f"  {page_type.label}: {len(response['passes'])} rules passed, "
            f"{len(serious)} serious/critical" + (f", minor: {minor}" if minor else "")
        )
        for v in serious:
            targets = [n["target"] for n in v["nodes"][:3]]
            failures.append(f"{page_type.label} [{lang}] {v['id']} ({v['impact']}): {targets}")
    report.append(f"  rules checked ({len(rules_checked)}): {', '.join(sorted(rules_checked))}")
    with capsys.disabled():
        sys.stdout.write("\n" + "\n".join(report) + "\n")
    assert failures == []


# --- text sizes ---------------------------------------------------------------------------

MEASURE_TEXT = """
() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('script, style, noscript, title, .sr-only, [hidden]')) continue;
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || r.bottom < 0 || r.right < 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible' || parseFloat(cs.opacity) === 0) continue;
    let size = parseFloat(cs.fontSize);
    const svg = el.closest('svg');
    if (svg && el.getScreenCTM) {
      const m = el.getScreenCTM();
      if (m) size = size * Math.hypot(m.a, m.b);
    }
    out.push({
      size: Math.round(size * 10) / 10,
      text: text.slice(0, 40),
      where: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (typeof el.className === 'string' && el.className
          ? '.' + el.className.split(' ').join('.') : ''),
      meta: !!el.closest('.jobvej-meta'),
      body: !!el.closest('main p, main li, main dd, main td, main label') &&
        !el.closest(
          '.jobvej-meta, figure, table, .form-hint, .jobvej-badge, .breadcrumbs, sup, sub'),
    });
  }
  return {items: out, bodySize: parseFloat(getComputedStyle(document.body).fontSize)};
}
"""


@pytest.mark.parametrize("lang", ["da", "ar"])
def test_no_text_is_too_small(site, visitor: Visitor, lang: str) -> None:  # type: ignore[no-untyped-def]
    _, pages = site
    problems: list[str] = []
    smallest: list[tuple[float, str]] = []
    for page_type in pages:
        page = visitor.open(page_type, lang)
        found = page.evaluate(MEASURE_TEXT)
        assert found["bodySize"] >= 16, page_type.label
        items = found["items"]
        assert items, page_type.label
        low = min(items, key=lambda i: i["size"])
        smallest.append((low["size"], f"{page_type.label}: {low['where']} '{low['text']}'"))
        for item in items:
            limit = 16 if item["body"] else 14 if item["meta"] else 12
            if item["size"] < limit:
                problems.append(
                    f"{page_type.label} [{lang}]: {item['size']} px < {limit} at "
                    f"{item['where']} '{item['text']}'"
                )
    smallest.sort()
    print(f"\nsmallest text per page ({lang}), lowest first:")
    for size, where in smallest[:8]:
        print(f"  {size} px  {where}")
    assert problems == [], "\n".join(problems[:30])


# --- reflow: 320 px and 200 % zoom --------------------------------------------------------

OVERFLOWING_TEXT = """
() => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const scrolls = (el) => {
    for (let p = el; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll') && p.scrollWidth > p.clientWidth - 1) return true;
    }
    return false;
  };
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el) continue;
    if (el.closest('script, style, .sr-only, [hidden]')) continue;
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.bottom < 0) continue;
    if ((r.right > width + 1 || r.left < -1) && !scrolls(el) &&
        getComputedStyle(el).visibility === 'visible') {
      bad.push(el.tagName.toLowerCase() + ' "' + node.textContent.trim().slice(0, 30) + '" ' +
               Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + width);
    }
  }
  return {bad, pageWidth: document.documentElement.scrollWidth, width};
}
"""


@pytest.mark.parametrize(
    ("lang", "width", "scale"),
    [("da", 320, 1), ("ar", 320, 1), ("da", 640, 2)],
    ids=["da-320px", "ar-320px", "da-200%-zoom"],
)
def test_no_horizontal_scrolling_of_text(site, browser, lang: str, width: int, scale: int) -> None:  # type: ignore[no-untyped-def]
    base, pages = site
    v = Visitor(browser, base, viewport={"width": width, "height": 700}, device_scale_factor=scale)
    problems: list[str] = []
    try:
        for page_type in pages:
            page = v.open(page_type, lang)
            found = page.evaluate(OVERFLOWING_TEXT)
            if found["pageWidth"] > found["width"] + 1:
                problems.append(f"{page_type.label}: page is {found['pageWidth']} px wide")
            problems += [f"{page_type.label}: {b}" for b in found["bad"][:5]]
    finally:
        v.close()
    print(f"\nreflow at {width} px (scale {scale}, {lang}): {len(pages)} pages")
    assert problems == [], "\n".join(problems[:30])
