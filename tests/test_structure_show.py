"""``gongbao show FILE DOC --at CITATION``: the exact printed text of a unit, and nothing else.

The command is tested on an app holding only this area's commands (``register``), so the
test pins this command's behaviour whatever else registers on the main app.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gongbao.commands import structure
from gongbao.errors import GongbaoError

SAMPLE = str(Path(__file__).parent.parent / "samples" / "liaocheng-2024-11-12.txt")


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """test app"""

    structure.register(app)
    return app


def run(*args: str):
    return CliRunner().invoke(_app(), ["show", SAMPLE, *args])


@pytest.mark.parametrize(
    ("doc", "at", "text"),
    [
        (
            "聊城市巡游出租汽车经营服务管理办法",
            "第二十九条第（三）项",
            "（三）拒载、途中甩客、故意绕道行驶、离开驾驶座位揽客；",
        ),
        (
            "聊城市巡游出租汽车经营服务管理办法",
            "第三十一条第（五）项",
            "（五）乘客人数超过车辆核定载客人数或者乘客携带物品超出车辆行李厢容积的；",
        ),
        (
            "聊城市燃气管理办法",
            "第三十条第二款",
            "有关建设单位或者施工单位在开工前，应当向供气区域内的燃气经营企业或者城建档案管理机构，查明建设工程施工范围内地下燃气管线的相关情况。",
        ),
        ("聊城市燃气管理办法", "第四十五条第（三）项", None),
        # printed "- (二) 标的…的;": the "- " is layout, punctuation is unified by normalize
        ("聊政办字〔2024〕17号", "第十五条第一款第（二）项", "（二）标的权属不合法、不明晰或有争议的；"),
        ("聊政办字〔2024〕22号", "chp_5__art_24", None),
    ],
)
def test_show_text(doc: str, at: str, text: str | None) -> None:
    r = run(doc, "--at", at)
    assert r.exit_code == 0, r.output
    out = r.output.rstrip("\n")
    if text is not None:
        assert out == text
    assert out and "\n\n" not in out


def test_show_article_across_page_break() -> None:
    # 第二十二条 is printed across a page break ("…人民政府应" / "当建立健全…")
    r = run("聊城市燃气管理办法", "--at", "第二十二条")
    lines = r.output.rstrip("\n").split("\n")
    assert (
        lines[0]
        == "第二十二条 市、县（市、区）人民政府应当建立健全燃气应急储备制度，组织编制燃气应急保障供应预案，采取综合措施提高燃气应急保障能力。"
    )
    assert len(lines) == 2 and lines[1].startswith("燃气应急保障预案应当明确")


def test_show_paragraph_has_no_label() -> None:
    r = run("聊城市燃气管理办法", "--at", "第十二条第一款")
    assert r.output.startswith("燃气经营企业依法取得") and "第十二条" not in r.output


def test_show_formats() -> None:
    r = run("聊政办字〔2024〕20号", "--at", "第六条", "--format", "json")
    data = json.loads(r.output)
    assert data["schema"] == "gongbao.node/1"
    assert data["citation"] == "第六条" and data["node"]["eid"] == "chp_2__art_6"
    assert len(data["node"]["children"][0]["children"]) == 4
    r = run("聊政办字〔2024〕20号", "--at", "第六条", "--format", "akn")
    assert r.output.startswith("<article ") and 'eId="chp_2__art_6"' in r.output
    r = run("聊政办字〔2024〕20号", "--format", "md")
    assert r.output.startswith("# 聊城市人民政府办公室关于印发聊城市再生水利用管理办法的通知")
    r = run("聊城市人民政府令第48号", "--format", "akn")
    assert '<FRBRuri value="/akn/cn-sd-liaocheng/act/ling/2024-11-11/48"/>' in r.output


def test_show_errors_are_named() -> None:
    r = run("聊城市燃气管理办法", "--at", "第四十七条")
    assert r.exit_code != 0 and isinstance(r.exception, GongbaoError) and "第四十七条 not found" in str(r.exception)
    r = run("聊政办字〔2024〕99号")
    assert isinstance(r.exception, GongbaoError) and "no document" in str(r.exception)


def test_help_ends_with_example() -> None:
    r = CliRunner().invoke(_app(), ["show", "--help"])
    assert "Example: gongbao show" in r.output
