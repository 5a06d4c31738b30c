"""What a lawyer, a legal office, a department and a citizen do, in Chromium (see conftest)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
TAXI = "聊城市巡游出租汽车经营服务管理办法"
AUDIT = "中华人民共和国审计法"
ITEM = "chp_4__art_29__para_1__point_3"


def _in_view(pg, selector: str) -> bool:
    return bool(
        pg.evaluate(
            """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                return r.top >= 0 && r.bottom <= window.innerHeight; }""",
            selector,
        )
    )


def test_lawyer_search_open_permalink_cite(page, site, snap):
    page.goto(site + "/search")
    page.get_by_label("关键词 Words").fill("拒载")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    hit = page.locator("a.hit", has_text="第二十九条第（三）项").first
    hit.click()
    page.wait_for_url(re.compile(ITEM))
    node = f"#{ITEM}"
    page.wait_for_selector(".node.focused")
    assert page.evaluate("window.scrollY") > 2000  # the item is far down the page
    assert _in_view(page, node)
    assert "拒载" in page.locator(node).inner_text()
    snap(page, "1-search-hit-opens-item")
    # the permalink reloads the same node
    url = page.url
    page.reload()
    page.wait_for_selector(".node.focused")
    assert page.url == url and page.evaluate("document.querySelector('.node.focused').id") == ITEM
    assert _in_view(page, node)
    # the cite action
    page.locator(f"{node} > button.cite").click()
    out = page.locator("#cite-output")
    out.wait_for(state="visible")
    assert out.locator(".cite-text").inner_text() == f"{TAXI}第二十九条第（三）项"
    assert out.locator(".cite-url").inner_text().endswith("/" + ITEM)
    snap(page, "1-cite")
    # by citation, the same node
    page.goto(site + "/doc/" + quote(TAXI) + "/" + quote("第二十九条第（三）项"))
    page.wait_for_selector(".node.focused")
    assert page.evaluate("document.querySelector('.node.focused').id") == ITEM


def test_versions_as_of_and_diff(page, site, snap):
    page.goto(site + "/versions/" + quote(AUDIT))
    items = page.locator("#timeline > li")
    assert items.count() == 2
    text = page.locator("#timeline").inner_text()
    assert "2006-02-28" in text and "2022-01-01" in text and "consolidated" in text and "republished" in text
    snap(page, "2-timeline")
    page.goto(site + "/doc/" + quote(AUDIT))
    for day, present in (("2021-12-31", False), ("2022-01-01", True)):
        page.get_by_label("查看某日有效文本 As of").fill(day)
        page.get_by_role("button", name="查看 Show").click()
        page.wait_for_url(re.compile("as_of=" + day))
        body = page.locator("article").inner_text()
        assert ("坚持中国共产党对审计工作的领导" in body) is present
        assert ("consolidated" in page.locator("#version").inner_text()) is present
    snap(page, "2-as-of-consolidated")
    page.goto(site + "/diff/" + quote(AUDIT))
    ins = page.locator("#diff ins")
    assert ins.count() > 10 and page.locator("#diff del").count() > 5
    assert "坚持中国共产党对审计工作的领导" in " ".join(ins.all_inner_texts())
    snap(page, "2-diff")


def test_legal_office_effects_and_repeal(page, site, snap):
    page.goto(site + "/doc/" + quote("聊城市人民政府令第48号"))
    rows = page.locator("#effects tbody tr")
    assert rows.count() > 50
    first = page.locator("#effects a.target").first
    assert first.inner_text() == "第三条第三款"
    snap(page, "3-order-48-effects")
    first.click()
    page.wait_for_selector(".node.focused")
    assert "聊城市燃气管理办法" in page.title()
    assert page.evaluate("document.querySelector('.node.focused').id").startswith("chp_1__art_3")
    page.goto(site + "/doc/" + quote("聊城市人民政府令第34号") + "?as_of=2025-01-01")
    status = page.locator("#status-line").inner_text()
    assert "repealed by 聊城市人民政府令第48号 since 2024-11-11" in status
    assert page.locator("svg.graph").count() == 1
    snap(page, "3-order-34-repealed")


def test_in_force_on_a_date(page, site, snap):
    page.goto(site + "/")
    page.get_by_label("截至日期 as of").fill("2024-06-01")
    page.get_by_label("现行有效 in force").check()
    page.get_by_role("button", name="查看 Show").click()
    page.wait_for_url(re.compile("in_force=true"))
    table = page.locator("table").inner_text()
    assert "聊城市燃气管理办法" in table and TAXI in table
    assert "聊政办字〔2024〕17号" not in table
    snap(page, "4-in-force-2024-06-01")


def test_department_tasks(page, site, snap):
    page.goto(site + "/tasks")
    page.get_by_label("单位 Unit").fill("市生态环境局")
    page.get_by_label("角色 Role").select_option("lead")
    page.get_by_label("今日 as of").fill("2026-01-01")
    page.get_by_role("button", name="查看 Show").click()
    page.wait_for_url(re.compile("role=lead"))
    rows = page.locator("#tasks tbody tr")
    assert rows.count() > 5
    deadlines = [d for d in page.locator("#tasks td.deadline").all_inner_texts() if re.match(r"\d{4}-\d\d-\d\d", d)]
    assert deadlines and page.locator("#tasks td.overdue").count() >= 1
    assert all("生态环境" in t for t in page.locator("#tasks tbody tr td:nth-child(3)").all_inner_texts())
    snap(page, "5-tasks-lead")


def test_citizen_alert_red_episode(page, site, snap):
    page.goto(site + "/alert")
    page.get_by_label("序列文件 Series file (CSV)").set_input_files(
        str(ROOT / "tests" / "data" / "rules" / "episode_red.csv")
    )
    page.get_by_role("button", name="计算 Run").click()
    page.wait_for_selector("#warnings")
    assert page.locator("#warnings .level-red").count() >= 1
    img = page.locator("img[alt^='AQI24']")
    assert img.count() == 1 and page.evaluate("document.querySelector(\"img[alt^='AQI24']\").naturalWidth") > 100
    snap(page, "6-alert-red")


def test_swagger_ui_renders_offline(page, site, snap):
    page.goto(site + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "gongbao" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 20
    snap(page, "7-docs-offline")


def test_accessibility_basics(page, site):
    for path in ("/", "/doc/" + quote(TAXI), "/search?q=燃气", "/tasks", "/alert", "/versions/" + quote(AUDIT)):
        page.goto(site + path)
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        assert page.locator("main").count() == 1 and page.locator("nav").count() >= 1
        unlabeled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)"""
        )
        assert unlabeled == [], f"{path}: inputs without a label {unlabeled}"
        assert page.locator("img:not([alt])").count() == 0
    # keyboard: the skip link is the first stop and moves to the main content
    page.goto(site + "/search")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("#main$"))
    # a search with the keyboard only
    page.get_by_label("关键词 Words").focus()
    page.keyboard.type("燃气")
    page.keyboard.press("Enter")
    page.wait_for_selector("#hits li a.hit")
    # cite buttons are real buttons, reachable and operable with the keyboard
    page.goto(site + "/doc/" + quote(TAXI) + "/" + ITEM)
    page.locator(f"#{ITEM} > button.cite").focus()
    page.keyboard.press("Enter")
    assert page.locator("#cite-output .cite-text").inner_text().endswith("第二十九条第（三）项")
