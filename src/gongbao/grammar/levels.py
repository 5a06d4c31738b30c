"""Warning-level names of a 重污染天气应急预案 as plans print them, declared once.

A level is named by its colour (蓝/黄/橙/红) and often its grade (Ⅳ…Ⅰ级 or 四…一级), in many
orders: ``黄色预警：…``, ``黄色Ⅲ级预警``, ``Ⅲ级（黄色）预警：…``, ``四级（蓝色）预警：…``,
``三级预警（黄色）：…``, ``黄色（Ⅲ级）预警``, ``黄色预警（三级）``, a heading line that names only
the level, a table row flattened to a line, or prose ``…时，启动黄色预警``. Each form has printed
examples (and counter-examples) in ``data/levels.json`` that ``tests/test_rules_level_forms.py``
iterates over; ``gongbao.rules.extract`` reads the levels with these forms.

Groups: ``c`` the colour character, ``r`` (or ``r0`` / ``r2``) the grade as printed (Ⅲ or 三),
``cond`` the rest of the line (the condition) where the form carries one.
"""

from __future__ import annotations

import re
from typing import Any

from gongbao.grammar._data import load
from gongbao.grammar.labels import SMALL_CN

__all__ = [
    "GRADE",
    "LEVEL_AFTER",
    "LEVEL_AFTER_DAMAGED",
    "LEVEL_COLON",
    "LEVEL_COLON2",
    "LEVEL_COLON3",
    "LEVEL_COLON4",
    "LEVEL_COLON5",
    "LEVEL_EQUIVALENT",
    "LEVEL_HEAD",
    "LEVEL_HEAD2",
    "LEVEL_HEAD_LINES",
    "LEVEL_MENTION",
    "LEVEL_ROW1",
    "LEVEL_ROW2",
    "LEVEL_UNNAMED",
    "examples",
]

#: A level's grade as printed: Ⅰ…Ⅳ (ASCII I…IV are normalised to these first) or 一…四.
GRADE = "[一二三四ⅠⅡⅢⅣ]"

#: 黄色预警：预测… / 黄色Ⅲ级预警（Ⅲ级）启动标准为… (the condition after the name, a colon optional).
LEVEL_COLON = re.compile(
    r"(?P<c>[蓝黄橙红])色(?:(?P<r0>[ⅠⅡⅢⅣ])级)?预警\s*(?:[(（]\s*(?P<r>[ⅠⅡⅢⅣ])\s*级\s*[)）])?\s*(?:启动)?(?:标准|条件)?(?:为|是)?\s*[:：]?\s*(?P<cond>.*)"
)
#: …时，启动黄色预警 / …时，应发布重污染天气黄色（Ⅲ级）预警 (the condition before the name).
LEVEL_AFTER = re.compile(
    r"(?P<cond>[^。；;]*?)(?:时|的)?\s*[,，]\s*(?:应|可|即|则|将)?\s*(?:启动|发布|实施)\s*(?:重污染天气)?\s*"
    r"(?P<c>[蓝黄橙红])色\s*(?:[(（]\s*[ⅠⅡⅢⅣ一二三四]\s*级\s*[)）])?\s*预警"
)
#: …，启动橙色预舍入 (a copy's damaged 预警): the level started after a condition, its name garbled after
#: 预 — the colour is legible, the name is not; never read as the level (the reader reports it with the
#: condition before it). Only the tail is matched: the condition runs from the previous level's name.
LEVEL_AFTER_DAMAGED = re.compile(
    r"[,，]\s*(?:应|可|即|则|将)?\s*(?:启动|发布|实施)\s*(?:重污染天气)?\s*(?P<c>[蓝黄橙红])色\s*预(?P<name>[^警\s。，,；;]{1,3})"
)
#: A line that is only a level's name: 蓝色Ⅳ级预警 / （一）黄色预警.
LEVEL_HEAD = re.compile(
    r"^\s*(?:[(（]?[0-9一二三四五六七八九十]+[)）.、]?)?\s*(?P<c>[蓝黄橙红])色\s*(?:[(（]?\s*(?P<r>[ⅠⅡⅢⅣ])\s*级\s*[)）]?)?\s*预警[。.]?\s*$"
)
#: Ⅲ级（黄色）预警：… / 四级（蓝色）预警：… (grade, colour in brackets, then 预警 and the condition).
LEVEL_COLON2 = re.compile(
    rf"(?P<r>{GRADE})\s*级\s*[(（]\s*(?P<c>[蓝黄橙红])色\s*[)）]\s*预警\s*(?:启动)?(?:标准|条件)?(?:为|是)?\s*[:：]\s*(?P<cond>.*)"
)
#: A line opening with Ⅲ级（黄色）预警 (the condition on the next line), not a sentence that goes on
#: about the level (Ⅱ级（橙色）预警和Ⅰ级（红色）预警的强制措施中…).
LEVEL_HEAD2 = re.compile(r"^\s*(?P<r>[ⅠⅡⅢⅣ])级\s*[(（]\s*(?P<c>[蓝黄橙红])色\s*[)）]\s*预警(?![和、与及的])")
_LABEL = rf"(?:[(（]?[0-9{SMALL_CN}]+(?:\.[0-9]+)*[)）.、．]?\s*)?"
_COND_HEAD = r"\s*(?:启动)?(?:标准|条件)?(?:为|是)?\s*[:：]?\s*(?P<cond>.*)"
#: 三级预警（黄色）：… / 四级预警（蓝色）：…
LEVEL_COLON3 = re.compile(rf"(?P<r>{GRADE})\s*级\s*预警\s*[(（]\s*(?P<c>[蓝黄橙红])色\s*(?:预警)?\s*[)）]" + _COND_HEAD)
#: 黄色（Ⅲ级）预警：…
LEVEL_COLON4 = re.compile(rf"(?P<c>[蓝黄橙红])色\s*[(（]\s*(?P<r>{GRADE})\s*级\s*[)）]\s*预警" + _COND_HEAD)
#: 黄色预警（三级）：…
LEVEL_COLON5 = re.compile(r"(?P<c>[蓝黄橙红])色预警\s*[(（]\s*(?P<r>[一二三四])\s*级\s*[)）]" + _COND_HEAD)
#: a table row flattened to a line: Ⅲ级 黄色 预测日AQI>200… / 黄色预警 | Ⅲ级 | 预测…
_SEP = r"[\s|│,，、]+"
LEVEL_ROW1 = re.compile(
    rf"(?P<r>[ⅠⅡⅢⅣ])\s*级\s*(?:预警)?{_SEP}(?P<c>[蓝黄橙红])色\s*(?:预警)?[\s|│,，、:：]+(?P<cond>.*)"
)
LEVEL_ROW2 = re.compile(
    rf"(?P<c>[蓝黄橙红])色\s*(?:预警)?{_SEP}(?P<r>[ⅠⅡⅢⅣ])\s*级\s*(?:预警)?(?:响应)?[\s|│,，、:：]+(?P<cond>.*)"
)
#: A heading line that only names a level (its condition follows): 3.2.1 黄色预警 / （二）三级预警（黄色）
#: / 四级（蓝色）预警.
LEVEL_HEAD_LINES = [
    re.compile(
        rf"^\s*{_LABEL}(?P<c>[蓝黄橙红])色\s*(?:[(（]?\s*(?P<r>{GRADE})\s*级\s*[)）]?)?\s*预警"
        rf"\s*(?:[(（]\s*(?P<r2>{GRADE})\s*级\s*[)）])?\s*[。.:：]?\s*$"
    ),
    re.compile(
        rf"^\s*{_LABEL}(?P<r>{GRADE})\s*级\s*(?:预警)?\s*[(（]\s*(?P<c>[蓝黄橙红])色\s*(?:预警)?\s*[)）]"
        r"\s*(?:预警)?\s*[。.:：]?\s*$"
    ),
]
#: A numbered level item whose name lost its colour and grade (a copy that masked 黄色 as ``**``):
#: ``2、**预警:预测AQI日均值>200将持续2天及以上…``. Never read as a level (its colour cannot be
#: read); the reader reports it with its place between the named levels around it.
LEVEL_UNNAMED = re.compile(
    rf"^\s*[(（]?[0-9{SMALL_CN}]+[)）.、．]\s*(?P<name>[^\u4e00-\u9fff\s:：，,。；;、()（）]{{1,4}})色?\s*预警\s*[:：]\s*(?P<cond>.*)"
)
#: A level's threshold restated in another metric: ``蓝色预警启动门槛为…AQI为200-300，换算成PM2.5浓度大于150微克每立方米``
#: (``conv``: where the restated comparison starts; it holds for the level's own duration).
LEVEL_EQUIVALENT = re.compile(
    r"(?P<c>[蓝黄橙红])色\s*预警[^。；;]*?(?P<conv>(?:换算成|换算为|相当于|折合为?)\s*(?:PM2\.5|细颗粒物)[^。；;]*?"
    r"(?:大于|超过|高于|>|＞|达到)\s*[0-9]+(?:\.[0-9]+)?\s*(?:微克每立方米|微克/立方米|μg/m3|µg/m3|μg/m³|µg/m³))"
)
#: Any naming of a level, anywhere in a sentence (to find levels a plan names but gives no condition
#: for): 红色预警 / 红色Ⅰ级预警 / 红色（Ⅰ级）预警 / 一级（红色）预警 / 一级预警（红色）.
LEVEL_MENTION = re.compile(
    rf"(?P<c>[蓝黄橙红])色\s*(?:{GRADE}\s*级\s*|[(（]\s*{GRADE}\s*级\s*[)）]\s*)?预警"
    rf"|{GRADE}\s*级\s*(?:预警\s*)?[(（]\s*(?P<c2>[蓝黄橙红])色\s*(?:预警)?\s*[)）]"
)


def examples() -> dict[str, Any]:
    """``data/levels.json``: printed examples (and counter-examples) of every form here."""
    return load("levels")
