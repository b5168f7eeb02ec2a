"""The HTML report: escaping, spans, and a real click in headless Chromium."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from extract import Extractor, load_articles
from extract.analysis.report import render
from extract.inputs.load import article_texts
from extract.schemas import Actor, ArticleRecord, Quote
from tests.conftest import ROOT, SEEDS

TEXT = 'He wrote <script>alert(1)</script> and said "we will act now" & left.'
WORDS = "we will act now"


def record() -> ArticleRecord:
    i = TEXT.index(WORDS)
    q = Quote(
        text=WORDS,
        evidence=WORDS,
        start=i,
        end=i + len(WORDS),
        speaker=Actor(name="Kerry"),
        cue="said",
        direct=True,
    )
    return ArticleRecord(
        article_id="a",
        source="a.txt",
        text_sha256="h",
        items={"quotes": [q]},
        model="m",
        strategy="s",
        prompt_version="p",
    )


def test_article_text_is_escaped() -> None:
    page = render([record()], {"h": TEXT})
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp; left." in page


def test_gold_marks_misses_and_false_positives() -> None:
    rec = record()
    gold = rec.model_copy(
        update={"items": {"quotes": [rec.quotes[0].model_copy(update={"speaker": Actor(name="Lavrov")})]}}
    )
    page = render([rec], {"h": TEXT}, {"h": gold})
    assert 'class="item k-quotes false-positive"' in page and 'class="item k-quotes miss"' in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_click_highlights_the_span_in_chromium(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with Extractor(strategy="rules", cache_dir=None) as ex:  # the seeds' records, no model needed
        recs = [r for r in ex.batch(load_articles([str(SEEDS)])) if isinstance(r, ArticleRecord)]
    texts = {a.sha256: a.text for a in article_texts((r.source for r in recs), ROOT)}
    golds = {
        g.text_sha256: g
        for g in (
            ArticleRecord.model_validate_json(p.read_text(encoding="utf-8"))
            for p in (ROOT / "tests" / "gold").glob("*.json")
        )
    }
    page_file = tmp_path / "report.html"
    page_file.write_text(render(recs, texts, golds), encoding="utf-8")
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=flags)
        page = browser.new_page()
        page.goto(page_file.as_uri())
        items = page.locator("li.item")
        assert page.locator("li.item:not(.miss)").count() == sum(sum(r.counts().values()) for r in recs)
        for n in range(items.count()):  # every item: its highlighted span is its evidence
            item = items.nth(n)
            item.click()
            shown = "".join(page.locator(".seg.active").all_inner_texts())
            assert shown == item.get_attribute("data-evidence")
        page.screenshot(path=str(artifacts / "report.png"))
        _legend_summary_and_filters(page)
        browser.close()


def _legend_summary_and_filters(page: Any) -> None:
    # The legend: one ticked box and colour swatch per kind.
    assert page.locator("label.legend input.kind:checked").count() == 3
    assert page.locator("label.legend .swatch").count() == 3
    # The score summary against the gold, one row per kind.
    assert page.locator("#summary tr").count() == 1 + 3 and "quotes" in page.locator("#summary").inner_text()
    # Unticking a kind removes every mark of it: its items hide, and no span only it marks stays lit.
    page.locator("input.kind[value=quotes]").uncheck()
    assert page.locator("li.item.k-quotes:not(.hidden)").count() == 0
    lit = page.evaluate("""() => [...document.querySelectorAll('.seg:not(.off)')].filter(s =>
        s.dataset.items.split(' ').every(id =>
          document.querySelector(`li.item[data-id="${id}"]`).dataset.kind === 'quotes')).length""")
    assert lit == 0
    page.locator("input.kind[value=quotes]").check()
    # An actor with items in one article only: the other article is hidden.
    per_article = page.evaluate("""() => {
        const seen = {};
        document.querySelectorAll('li.item').forEach(li => JSON.parse(li.dataset.actors).forEach(a =>
          (seen[a] = seen[a] || new Set()).add(li.dataset.article)));
        return Object.entries(seen).filter(([a, s]) => s.size === 1).map(([a]) => a); }""")
    page.locator("#actor").select_option(per_article[0])
    assert page.locator("#articles section:not(.hidden)").count() == 1
    page.locator("#actor").select_option("")
    # One article at a time, with a list to jump and arrows.
    page.locator("#article").select_option("1")
    assert page.locator("#articles section:not(.hidden)").count() == 1
    page.locator("#prev").click()
    assert page.locator("#articles section:not(.hidden)").get_attribute("data-n") == "0"
    page.locator("#article").select_option("all")
    # The table view lists every shown item, and the CSV link carries the same rows.
    page.locator("#view").click()
    rows = page.locator("#table tr").count() - 1
    assert rows == page.locator("li.item").count() and page.locator("#articles").is_hidden()
    href = page.locator("#csv").get_attribute("href") or ""
    assert href.startswith("data:text/csv")
    table = list(csv.reader(io.StringIO(unquote(href.split(",", 1)[1]))))
    assert table[0] == ["article", "kind", "item", "evidence"] and len(table) - 1 == rows
