"""Forms of appointment clauses and of the posts they name, declared once (read by
``gongbao.extract.appointments`` and ``gongbao.query.people``).

Data and printed examples are in ``data/posts.json``; ``tests/test_grammar_posts.py`` iterates over
every example and counter-example:

- ``HEAD_TITLE``: the titles that head a people's government (省长, 市长, 主席 …);
- ``ACTING``: an acting post (湖北省代理省长, 湖北省人民政府代省长: 代理 / 代 before the title);
- ``GOVERNMENT_HEAD``: the ``人民政府`` of a government head's post (湖北省人民政府省长 is 湖北省省长);
- ``REGION``: the region an issuer names (湖北省人民代表大会常务委员会 -> 湖北省);
- ``RESIGN_REASON``: a reason printed between the person and 辞去 (因工作变动);
- ``APPOINTMENT_MODE``: the mode line of a list, one person a line under it (任命： / 免去： / 接受：);
- ``MEETING_PREAMBLE``: the meeting that decides, before the verb (…第二十八次会议决定任命…);
- ``PRONOUN_ACTING``: an acting post given to the person just appointed (决定其为代理省长);
- ``ELECTED``: an election result (王忠林当选为湖北省省长, 恽爱民同志当选南通市人民检察院检察长);
- ``REASON_PREFIX``: a reason before the meeting and its verb (因工作岗位变动，会议决定免去…);
- ``PASSIVE``: a clause in the passive (陆卫东同志被任命为…, 单晓明同志被免去…职务);
- ``TAKES_POST``: a post taken or left with no appointing verb (胡栋良同志任…, 沈志平兼任…,
  侯为东同志不再担任…职务), and ``HOLDER_DESCRIPTOR``: the present post printed before such a
  person's name (漳州市副市长侯为东兼任…);
- ``NOMINATION``: a nomination (提名为…区长候选人) — never an appointment;
- ``ACTING_BEFORE_BODY``: 代理 printed before the body (代理漳州市人民政府市长职务);
- ``TERM``: a congress's term in a post (湖北省十四届人大常委会副主任), and
  ``CONGRESS_STANDING_COMMITTEE``: the full name of 人大常委会 — folded out of a post's key.

``post_key`` folds the printed names of one post into one key and says whether it is acting;
``deputy_of`` gives the deputy post of a principal one (the same person cannot hold both).
"""

from __future__ import annotations

import re
from typing import Any

from gongbao.grammar._data import load

__all__ = [
    "ACTING",
    "ACTING_BEFORE_BODY",
    "APPOINTMENT_MODE",
    "CONGRESS_STANDING_COMMITTEE",
    "ELECTED",
    "GOVERNMENT_HEAD",
    "HEAD_TITLE",
    "HOLDER_DESCRIPTOR",
    "MEETING_PREAMBLE",
    "NOMINATION",
    "PASSIVE",
    "PRONOUN_ACTING",
    "REASON_PREFIX",
    "REGION",
    "RESIGN_REASON",
    "TAKES_POST",
    "TERM",
    "acting_first",
    "deputy_of",
    "examples",
    "post_key",
    "region_of",
    "with_region",
]


def examples() -> dict[str, Any]:
    """``data/posts.json``: every form with its printed examples and counter-examples."""
    return load("posts")


_F = examples()["forms"]
HEAD_TITLE = re.compile(_F["HEAD_TITLE"]["pattern"])
ACTING = re.compile(_F["ACTING"]["pattern"])
GOVERNMENT_HEAD = re.compile(_F["GOVERNMENT_HEAD"]["pattern"])
REGION = re.compile(_F["REGION"]["pattern"])
RESIGN_REASON = re.compile(_F["RESIGN_REASON"]["pattern"])
APPOINTMENT_MODE = re.compile(_F["APPOINTMENT_MODE"]["pattern"])
MEETING_PREAMBLE = re.compile(_F["MEETING_PREAMBLE"]["pattern"])
PRONOUN_ACTING = re.compile(_F["PRONOUN_ACTING"]["pattern"])
ELECTED = re.compile(_F["ELECTED"]["pattern"])
TERM = re.compile(_F["TERM"]["pattern"])
CONGRESS_STANDING_COMMITTEE = re.compile(_F["CONGRESS_STANDING_COMMITTEE"]["pattern"])
REASON_PREFIX = re.compile(_F["REASON_PREFIX"]["pattern"])
PASSIVE = re.compile(_F["PASSIVE"]["pattern"])
TAKES_POST = re.compile(_F["TAKES_POST"]["pattern"])
HOLDER_DESCRIPTOR = re.compile(_F["HOLDER_DESCRIPTOR"]["pattern"])
NOMINATION = re.compile(_F["NOMINATION"]["pattern"])
ACTING_BEFORE_BODY = re.compile(_F["ACTING_BEFORE_BODY"]["pattern"])

_LEVEL = re.compile(r"^(?:省|市|县|区)(?!长|委员|辖)")
_TITLE_AT_END = re.compile(r"(?P<dep>副?)(?P<title>省长|市长|县长|区长|州长|旗长|盟长|乡长|镇长|主席)$")


def post_key(post: str) -> tuple[str, bool]:
    """One key for the printed names of one post, and whether ``post`` is its acting holder:
    湖北省人民政府代省长, 湖北省代理省长 and 湖北省省长 are all ``湖北省省长`` (the first two acting);
    湖北省十四届人大常委会主任 and 湖北省人民代表大会常务委员会主任 are ``湖北省人大常委会主任``."""
    p = re.sub(r"\s+", "", post)
    acting = bool(ACTING.search(p))
    if acting:
        p = ACTING.sub("", p, count=1)
    p = CONGRESS_STANDING_COMMITTEE.sub("人大常委会", TERM.sub("", p, count=1))
    return GOVERNMENT_HEAD.sub("", p, count=1), acting


def acting_first(post: str) -> str:
    """代理 printed before the body moved to the title: 代理漳州市人民政府市长职务 ->
    漳州市人民政府代理市长; any other post is returned unchanged."""
    m = ACTING_BEFORE_BODY.match(post)
    return f"{m.group('body')}代理{m.group('title')}" if m else post


def deputy_of(key: str) -> str | None:
    """The deputy post of a government head's post key (湖北省省长 -> 湖北省副省长), else None."""
    m = _TITLE_AT_END.search(key)
    if m is None or m.group("dep"):
        return None
    return key[: m.start()] + "副" + m.group("title")


def region_of(issuer: str | None) -> str | None:
    """The region an issuer names (湖北省人民代表大会常务委员会 -> 湖北省), else None."""
    m = REGION.match(issuer or "")
    return m.group("region") if m else None


def with_region(post: str, region: str | None) -> str:
    """A post printed with the level only (省应急管理厅厅长 in a 湖北省 list) under its region's name;
    a bare head title (省长) becomes the region's (湖北省省长). Other posts are returned unchanged."""
    if not region or not post:
        return post
    level = region[-1]
    if post[0] != level or post.startswith(region):
        return post
    if HEAD_TITLE.fullmatch(post) or (post.startswith(level + "长") and len(post) == 2):
        return region + post
    if _LEVEL.match(post):
        return region + post[1:]
    return post
