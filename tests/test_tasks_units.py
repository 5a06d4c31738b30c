"""Unit registry and aliases (issue #7)."""

from __future__ import annotations

import pytest

from gongbao.extract.units import UnitRegistry, canonical, derive_aliases, is_collective, matches, unit_key


@pytest.mark.parametrize(
    ("printed", "canon"),
    [
        ("市发展和改革委员会", "市发展改革委"),
        ("市发展改革委", "市发展改革委"),
        ("市住房和城乡建设局", "市住房城乡建设局"),
        ("市住房和城乡建设部门", "市住房城乡建设局"),
        ("市人力资源和社会保障局", "市人力资源社会保障局"),
        ("市市场监督管理局", "市市场监管局"),
        ("聊城市发展和改革委员会", "市发展改革委"),
        ("县发展和改革委员会", "县发展改革委"),
        ("市 财政局", "市财政局"),
        ("各县(市、区)人民政府", "各县（市、区）人民政府"),
    ],
)
def test_canonical(printed: str, canon: str) -> None:
    assert canonical(printed) == canon
    assert canonical(canonical(printed)) == canonical(printed)


def test_level_is_kept() -> None:
    assert unit_key("市财政局") != unit_key("县财政局")
    assert not matches("县财政局", "市财政局")


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        ("市发改委", "市发展改革委", True),
        ("发展和改革委员会", "市发展改革委", True),
        ("住建局", "市住房城乡建设局", True),
        ("生态环境", "市生态环境局", True),
        ("市财政局", "市发展改革委", False),
        ("市城管局", "市住房城乡建设局", False),
    ],
)
def test_matches(query: str, name: str, expected: bool) -> None:
    assert matches(query, name) is expected


def test_collective() -> None:
    assert is_collective("各县（市、区）人民政府")
    assert is_collective("市属开发区管委会")
    assert is_collective("市汽车及零部件产业链专班成员单位")
    assert not is_collective("东昌府区人民政府")
    assert not is_collective("市财政局")


def test_registry_from_texts() -> None:
    text = "由某某市数字经济发展促进中心（以下简称市数促中心）负责日常工作。"
    assert derive_aliases(text) == [("某某市数字经济发展促进中心", "市数促中心")]
    reg = UnitRegistry.from_names(
        ["市数促中心", "市住房和城乡建设局", "市住房城乡建设局", "市住房城乡建设局", "聊城高铁新区发展服务中心"],
        texts=[text],
    )
    assert reg.matches("某某市数字经济发展促进中心", "市数促中心")
    assert reg.canonical("市住房和城乡建设局") == "市住房城乡建设局"
    entries = {c: (aliases, coll) for c, aliases, coll in reg.entries()}
    assert "市住房和城乡建设局" in entries["市住房城乡建设局"][0]
    assert "聊城高铁新区发展服务中心" in entries


def test_second_name_in_brackets() -> None:
    reg = UnitRegistry.from_names(["市农业农村局（市乡村振兴局）"])
    assert reg.matches("市乡村振兴局", "市农业农村局（市乡村振兴局）")
    assert reg.matches("市农业农村局", "市农业农村局（市乡村振兴局）")


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("中国人民银行某某市分行", "人民银行某某市分行"),
        ("国家金融监督管理总局某某监管分局", "某某金融监管分局"),
        ("国家税务总局某某市税务局", "市税务局"),
    ],
)
def test_national_naming_patterns(full: str, short: str) -> None:
    assert matches(full, short) and matches(short, full)
    assert canonical(full) == canonical(short)
