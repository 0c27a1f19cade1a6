"""Calculator pages in Debian's Chromium: where the focus goes after a submit, the RTL chart
as the browser lays it out, and no small print under 12 px."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DAGPENGE = "/{lang}/calculators/dagpenge?year=2026&insurance=full_time&monthly_income=32500"
WORK_MORE = (
    "/{lang}/calculators/work_more_hours?year=2026&benefit=kontanthjaelp&hourly_wage=152,50&age=29"
)


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def active_id(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


@pytest.mark.parametrize("lang", ["da", "ar"])
def test_focus_goes_to_the_result_heading(page, live_server: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + DAGPENGE.format(lang=lang))
    assert active_id(page) == "result-heading"


def test_failed_submit_focuses_the_summary_and_its_links_focus_the_fields(  # type: ignore[no-untyped-def]
    page, live_server: str
) -> None:
    page.goto(live_server + "/da/calculators/dagpenge")
    page.fill("#field-monthly_income", "mange penge")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert active_id(page) == "error-summary"
    assert page.url.endswith("/da/calculators/dagpenge"), "no jump to #result"
    assert page.input_value("#field-monthly_income") == "mange penge", "the value is kept"
    page.click("#error-summary a[href='#field-monthly_income']")
    assert active_id(page) == "field-monthly_income"


CHART_BOXES = """() => {
  const svg = document.querySelector('.jobvej-chart svg');
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  const texts = [...svg.querySelectorAll('text')].map(t => ({
    cls: t.getAttribute('class') || '', legend: !!t.querySelector('tspan'),
    box: box(t.getBoundingClientRect())}));
  const bars = [...svg.querySelectorAll('rect.pays, rect.low-gain, rect.loss')]
    .map(r => box(r.getBoundingClientRect()));
  return {svg: box(svg.getBoundingClientRect()), texts, bars};
}"""


@pytest.mark.parametrize("lang", ["da", "ar", "fa"])
def test_chart_labels_are_inside_the_chart_and_clear_of_the_bars(  # type: ignore[no-untyped-def]
    page, live_server: str, lang: str
) -> None:
    """Issue 8: in RTL the legend was cut at the edge and the y labels hid behind the bars."""
    page.goto(live_server + WORK_MORE.format(lang=lang))
    chart = page.evaluate(CHART_BOXES)
    svg = chart["svg"]
    for text in chart["texts"]:
        b = text["box"]
        assert b["left"] >= svg["left"] - 0.5 and b["right"] <= svg["right"] + 0.5, text
    bars_left = min(b["left"] for b in chart["bars"])
    bars_right = max(b["right"] for b in chart["bars"])
    y_labels = [t["box"] for t in chart["texts"] if t["cls"] == "y-label"]
    assert y_labels
    for b in y_labels:
        assert b["right"] <= bars_left or b["left"] >= bars_right, "a y label overlaps the bars"


SMALL_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || !rect.width || !rect.height) continue;
    if (el.closest('svg')) continue;  // the chart scales with its box; checked separately
    if (parseFloat(style.fontSize) < 12) out.push(style.fontSize + ' ' + node.textContent.trim());
  }
  return out;
}"""


@pytest.mark.parametrize("path", [DAGPENGE, WORK_MORE])
@pytest.mark.parametrize("lang", ["da", "ar"])
def test_no_text_under_12px_on_a_result_page(page, live_server: str, path: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + path.format(lang=lang))
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate(SMALL_TEXT) == []
