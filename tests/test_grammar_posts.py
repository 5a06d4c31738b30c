"""The post keys the people ledger folds printed names into (``gongbao.grammar.posts``; its forms'
printed examples are in ``test_grammar_examples.py``)."""

from __future__ import annotations

import pytest

from gongbao.grammar import posts as P


@pytest.mark.parametrize(
    ("post", "key", "acting"),
    [
        ("湖北省人民政府省长", "湖北省省长", False),
        ("湖北省省长", "湖北省省长", False),
        ("湖北省代理省长", "湖北省省长", True),
        ("湖北省人民政府代省长", "湖北省省长", True),
        ("湖北省人民政府代理省长", "湖北省省长", True),
        ("湖北省人民政府副省长", "湖北省副省长", False),
        ("湖北省人民政府办公厅主任", "湖北省人民政府办公厅主任", False),
        ("湖北省十四届人大常委会副主任", "湖北省人大常委会副主任", False),
        ("湖北省人民代表大会常务委员会主任", "湖北省人大常委会主任", False),
        (
            "湖北省第十三届人民代表大会常务委员会代表资格审查委员会副主任委员",
            "湖北省人大常委会代表资格审查委员会副主任委员",
            False,
        ),
    ],
)
def test_post_key(post: str, key: str, acting: bool) -> None:
    assert P.post_key(post) == (key, acting)


def test_deputy_region() -> None:
    assert P.deputy_of("湖北省省长") == "湖北省副省长"
    assert P.deputy_of("湖北省副省长") is None and P.deputy_of("湖北省应急管理厅厅长") is None
    assert P.region_of("湖北省人民代表大会常务委员会") == "湖北省"
    assert P.region_of("国务院") is None
    assert P.with_region("省应急管理厅厅长", "湖北省") == "湖北省应急管理厅厅长"
    assert P.with_region("市发展改革委主任", "聊城市") == "聊城市发展改革委主任"
    assert P.with_region("湖北省副省长", "湖北省") == "湖北省副省长"
    assert P.with_region("省长江办主任", "湖北省") == "省长江办主任"  # 省 + 长江办, not 省长
