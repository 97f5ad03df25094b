"""The seed's report in a real headless browser: Debian's Chromium, driven by Playwright.

`.ci/system-packages` installs Chromium; without it (a machine that has not run
that script) the test is skipped and says why. The screenshot is kept in
``test-output/report.png`` for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import rows

from aleppo_kg.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output"
# without these, Chromium tries to reach Google's hosts, which this machine's network refuses
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed: run `bash .ci/system-packages`"
)


@pytest.fixture(scope="module")
def report_page(tmp_path_factory, seed_graph):
    folder = tmp_path_factory.mktemp("report")
    data = folder / "aleppo.ttl"
    seed_graph.serialize(data, format="turtle")
    page = folder / "report.html"
    assert main(["report", "--data", str(data), "-o", str(page)]) == 0
    return page


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def loaded(browser, report_page):
    """The page, opened, with every console message, page error and request it made."""
    page = browser.new_page(viewport={"width": 1150, "height": 900})
    seen = {"console": [], "errors": [], "requests": []}
    page.on("console", lambda message: seen["console"].append((message.type, message.text)))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.goto(report_page.as_uri())
    page.wait_for_load_state("load")
    yield page, seen
    page.close()


def test_page_loads_without_errors_or_network(loaded, report_page):
    _, seen = loaded
    assert seen["errors"] == []
    assert [m for m in seen["console"] if m[0] in ("error", "warning")] == []
    assert seen["requests"] == [report_page.as_uri()]


def test_timeline_has_a_mark_per_dated_event(loaded, seed_graph):
    page, _ = loaded
    ((dated,),) = rows(
        seed_graph,
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a akg:Event ; akg:edtf ?d ; "
        "akg:eventType ?t FILTER NOT EXISTS { ?e a akg:TerritorialChange } }",
    )
    assert dated > 0
    assert page.locator("#timeline .event-mark").count() == dated
    assert page.locator("#timeline .event-mark circle").first.is_visible()


def test_map_has_a_mark_per_place_with_coordinates(loaded, seed_graph):
    page, _ = loaded
    ((located,),) = rows(
        seed_graph, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a sem:Place ; wgs:lat ?lat }"
    )
    assert located > 0
    assert page.locator("#map .place-mark").count() == located


def test_table_lists_every_event_and_filters(loaded, seed_graph):
    page, _ = loaded
    ((events,),) = rows(seed_graph, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a akg:Event }")
    table = page.locator("#events tbody tr")
    assert table.count() == events
    page.fill("#filter", "Azaz")
    visible = page.locator("#events tbody tr:visible")
    assert 0 < visible.count() < events
    assert all("azaz" in text.lower() for text in visible.all_inner_texts())
    page.fill("#filter", "")
    assert page.locator("#events tbody tr:visible").count() == events


def test_event_mark_links_to_its_row(loaded):
    page, _ = loaded
    mark = page.locator("#timeline .event-mark").first
    target = mark.get_attribute("href")
    mark.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f"tr{target}").is_visible()


def test_screenshot(loaded):
    page, _ = loaded
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
