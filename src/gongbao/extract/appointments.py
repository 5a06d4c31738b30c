"""Appointment actions from 任免 notices: 任命 X为Y / 免去 X的Y职务 / X的原Y职务自然免除 /
接受X辞去Y职务的请求 (a resignation accepted: a removal noted 辞职), also listed one a line under
a mode line 接受： (X因任职年龄到限辞去Y职务；)."""

from __future__ import annotations

import re
from datetime import date

from gongbao.grammar.posts import (
    ACTING,
    APPOINTMENT_MODE,
    ELECTED,
    HOLDER_DESCRIPTOR,
    MEETING_PREAMBLE,
    NOMINATION,
    PASSIVE,
    PRONOUN_ACTING,
    REASON_PREFIX,
    RESIGN_REASON,
    TAKES_POST,
    acting_first,
    with_region,
)
from gongbao.model import Appointment, Span
from gongbao.segment.patterns import cn_int, split_outside_brackets, squeeze

_MODE = re.compile(APPOINTMENT_MODE.pattern + r"\s*$")
# 任命张三为… / 决定任命… / 市人民政府决定，免去… at the start of a clause (inline layout)
# one person (崔天凯, 傅莹（女）), or several sharing the post (崔天凯、傅莹（女）、翟隽为外交部副部长)
_NAME = r"[\u4e00-\u9fff·]{2,6}?(?:[（(]女[）)])?"
_INLINE = re.compile(
    r"^(?:(?P<m>[一二三四五六七八九十〇零\d]{1,3})月(?P<d>[一二三四五六七八九十〇零\d]{1,3})日[，,]?)?"  # 十月十六日任命…
    rf"(?:{REASON_PREFIX.pattern})?"  # 因工作岗位变动，会议决定免去…
    rf"(?:{MEETING_PREAMBLE.pattern})?"  # 湖北省第十一届…第二十八次会议决定任命… / 大会选举…
    r"(?:[\u4e00-\u9fff]{0,12}决定[，,：:]?)?"
    # 会议以举手表决的方式，通过陈俊同志为…主任委员 (通过 a person for a post: an appointment)
    rf"(?P<verb>任命|免去|聘任|解聘|选举|增补|通过(?={_NAME}(?:同志)?为))(?![：:])"
)
_PERSONS = rf"(?P<person>{_NAME}(?:、{_NAME})*?)"
_APPOINT = re.compile(rf"^{_PERSONS}(?:同志)?(?P<verb>为|兼任|兼)(?P<post>.+?)[；;。，,]?$")
_REMOVE = re.compile(rf"^{_PERSONS}(?:同志)?(?:的|兼任的?|现任的?)(?P<post>.+?)职务[；;。，,]?$")
# 免去徐新民同志南通市人民政府副市长职务 (no 的: 同志 ends the name)
_REMOVE_BARE = re.compile(rf"^{_PERSONS}同志(?P<post>[^；;。]+?)的?职务[；;。，,]?$")
# a post printed without 的, under a clause with neither 的 nor 同志 (免去卢炳椿泉州市人民政府副市长、
# 市公安局局长的职务): the post is found by the issuer's region it opens with
_REMOVE_AT_REGION = r"^{persons}(?P<post>(?:{region}).+?)的?职务[；;。，,]?$"
# a post taken or left with no appointing verb, or in the passive: 胡栋良同志任…, 漳州市副市长侯为东
# 兼任…, 侯为东同志不再担任…职务, 陆卫东同志被任命为…, 单晓明同志被免去…职务 (posts.TAKES_POST,
# posts.PASSIVE; the present post before the name: posts.HOLDER_DESCRIPTOR)
_STANDALONE = re.compile(
    rf"^(?:{HOLDER_DESCRIPTOR.pattern})?{_PERSONS}(?:同志)?(?P<verb>{PASSIVE.pattern}|{TAKES_POST.pattern})"
    r"(?P<post>[^；;。]+?)(?:的)?(?:职务)?[；;。，,]?$"
)
# 蔡春等60名同志为…人民陪审员: a group named by its first member (one record, noted 等60名)
_GROUP = re.compile(
    rf"^(?P<person>{_NAME})等(?P<n>\d+|[一二三四五六七八九十百]+)名(?:同志)?为(?P<post>.+?)[；;。，,]?$"
)
# where a list of clauses sharing one verb goes on with the next person: 、孙础均同志为… / ，沙千里为…
_NEXT_PERSON = re.compile(
    rf"[、，,](?=(?:{_NAME}(?:、{_NAME})*|[\u4e00-\u9fff]{{2,4}}等\d+[名位人])(?:同志)?(?:为|兼任|兼|的|现任)[\u4e00-\u9fff]|增补)"
)
_CLAUSE_DONE = re.compile(r"(?:为|兼任?|的|现任)[\u4e00-\u9fff]")
# the body a post belongs to, to carry to the posts after it in a 、 list (上海市松江区人民法院副院长、
# 审判委员会委员、审判员: the court's committee member and judge)
_BODY = re.compile(
    r"^(?P<body>.+?(?:人民法院|人民检察院|人大常委会|常务委员会|人民政府|委员会|管理局|局|厅|部|办公室|法院|检察院))"
    r"(?=[\u4e00-\u9fff])"
)
_OWN_BODY = re.compile(
    r"^(?:国家|中国|中华|全国|中共|[\u4e00-\u9fff]{1,8}?(?:省|市|区|县|自治区|自治州|州|旗|盟)(?![长委]))"
)
# the region whose government a head's post names (湖北省副省长、代理省长: 湖北省代理省长)
_HEAD_BODY = re.compile(
    r"^(?P<body>.+?(?:特别行政区|自治区|自治州|自治县|省|市|县|区|州|旗|盟)(?:人民政府)?)"
    r"(?=(?:副|代理|代)?(?:省长|市长|县长|区长|州长|旗长|盟长|乡长|镇长|主席)$)"
)
# a party committee or other body named by what is left of the first post without its title
# (中共漳州市芗城区委委员、常委、书记: …区委常委, …区委书记)
_BODY_BY_TITLE = re.compile(r"^(?P<body>.+?(?:委|党组|管委会|工委))(?=(?:副?(?:书记|主任|部长)|常委|委员|成员)$)")
_LEVEL_POST = re.compile(r"^(?P<level>[省市县区])(?![长委辖])")
_LAPSE = re.compile(rf"^{_PERSONS}(?:同志)?的原?(?P<post>.+?)职务自然免除[；;。，,]?$")
# 会议决定：接受方春明辞去安徽省人民政府副省长职务的请求 (a people's congress accepting a resignation)
# (接受李鸿忠因工作变动辞去湖北省省长职务的请求: a reason between; 接受李宪生、段轮一辞去湖北省副省长职务: no 的请求)
_WHY = rf"(?P<why>{RESIGN_REASON.pattern})?"
_RESIGN = re.compile(rf"接受{_PERSONS}(?:同志)?{_WHY}辞去(?P<post>[^，,。；;：:]+?)职务(?:的请求)?(?=[，,。；;]|$)")
# one a line under a mode line 接受： (浙江 2016: 宋光宝因任职年龄到限辞去省人大内务司法委员会主任委员职务；)
_RESIGN_LINE = re.compile(rf"^{_PERSONS}(?:同志)?{_WHY}辞去(?P<post>[^，,。；;：:]+?)职务(?:的请求)?[；;。，,]?$")
# and the requests listed after it: 接受A辞去X职务的请求，B辞去Y职务的请求 (四川 2001)
_RESIGN_ANY = re.compile(
    rf"(?:接受|[，,](?!接受))(?P<person>{_NAME}(?:、{_NAME})*?)(?:同志)?{_WHY}辞去(?P<post>[^，,。；;：:]+?)职务(?:的请求)?(?=[，,。；;]|$)"
)
# a clause with a verb of its own after a comma: 决定免去A的X职务，决定任命B为Y (广东 2024)
# (…，决定其为代理省长 and …，王忠林当选为湖北省省长 are clauses of their own too)
_VERB_AFTER_COMMA = re.compile(
    r"[，,](?=(?:决定[，,：:]?)?(?:任命|免去|聘任|解聘)(?![：:])|并?决定其?(?:为|任)?代理?"
    rf"|{_NAME}(?:同志)?当选为|(?:并|拟)?提名"  # …副书记，提名为…区长候选人: a nomination of its own
    rf"|决定{_NAME}(?:同志)?代理)"  # …审判员，决定孙晋琪代理…院长职务 (南通 2025)
)
# an acting appointment by a people's congress standing committee: 会议决定：张宏义同志代理济源市人民政府市长
# (济源 2023), noted 代理
_ACTING = re.compile(
    rf"决定[：:，,]?(?P<person>(?!其|任命|聘任|免去){_NAME})(?:同志)?代理(?P<post>[^，,。；;：:]+?(?:长|主任|书记|主席|检察长|院长|市长|县长|区长))"
    r"(?:职务)?[。；;]?$"
)
# …会议通过决定：王晓东任湖北省人民政府代省长 (湖北 2016): the post names the acting
_ACTING_AS = re.compile(
    rf"决定[：:，,]?(?P<person>(?!其|任命|聘任|免去){_NAME})(?:同志)?(?:任|为)(?P<post>[^，,。；;：:]{{0,30}}?(?:代理|代)[^，,。；;：:]{{1,12}}?)"
    r"(?:职务)?[。；;]?$"
)
# 王忠林当选为湖北省省长 (an election result), noted 选举
_ELECTED = re.compile(rf"^{_PERSONS}(?:同志)?{ELECTED.pattern}(?P<post>.+?)[；;。，,]?$")
# 一、决定任命王立为… / （二）任命… : the outline label of a numbered clause
_OUTLINE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[、．](?!\d))")
# a clause of a longer paragraph that opens with the verb (会议通过决议，…；任命A…为X；免去B的Y职务)
_VERB_IN_CLAUSE = re.compile(r"[；;。，,](?:决定[，,：:]?)?(?:任命|免去|聘任|解聘)(?![：:])")
_VERB_AGAIN = re.compile(r"^(?:决定)?(?:任命|聘任|免去|解聘|增补)(?![：:])")
_COUNTED = re.compile(r"等(?P<n>\d{1,3}|[一二三四五六七八九十百]{1,4})(?:人|名|位)(?:同志)?(?=为|的)")
_NAME_SPLIT = re.compile(r"、")
_WOMAN = re.compile(r"[（(]女[）)]$")
_PROBATION = re.compile(r"[（(]试用期(?P<n>[一二三四五六七八九十\d]{1,2})年[）)]")
# parenthesised notes that are not part of the post: ranking (列X之后), probation, grade
_NOTE = re.compile(
    r"[（(](?P<note>列[^（）()]{1,20}|试用期[^（）()]{1,6}|正[^（）()]{0,4}级|副[^（）()]{0,4}级|挂职[^（）()]{0,10}"
    r"|[^（）()]{0,30}?须?报经?[^（）()]{0,40}?批准)[）)]"  # 选举王守安为…检察长（根据…规定，须报经…批准）
)


def extract_appointments(
    paragraphs: list[str],
    doc_number: str | None,
    signed: date | None,
    spans: list[Span | None] | None = None,
    unread: list[int] | None = None,
    year: int | None = None,
    region: str | None = None,
) -> list[Appointment]:
    """Each appointment, removal and lapse in the notice's paragraphs, in printed order.

    Two layouts: a mode line (任命： / 免去：) followed by one person per line, as municipal
    notices print them; and inline sentences (任命张三为某局局长；免去李四的某局副局长职务。), as
    national and provincial notices do. ``spans``: the source span of each paragraph, copied
    onto what it yields. ``unread`` (when given) receives the index of every paragraph that names
    an appointing verb (任命, 免去, 辞去…) beyond a mode line and yields no record. ``year``: the
    issue's, for a clause dated by month and day only (十月十六日任命… in the 1954 gazette).
    ``region``: the issuer's (湖北省), for a post printed with its level only (省应急管理厅厅长)."""
    out: list[Appointment] = []
    mode: str | None = None
    for k, p in enumerate(paragraphs):
        n_before = len(out)
        t = _OUTLINE.sub("", squeeze(p), count=1)
        mm = _MODE.search(t)
        if (mm and mm.start() == 0) or (mm and not _INLINE.search(t) and not _RESIGN.search(t)):
            mode = _mode_of(mm.group(1))
            rest = t[mm.end() :]
            if rest:
                _read_clauses(rest, mode, doc_number, signed, out, region)
        elif (
            _INLINE.search(t)
            or _RESIGN.search(t)
            or _ACTING.search(t)
            or _VERB_IN_CLAUSE.search(t)
            or ELECTED.search(t)
            or _ACTING_AS.search(t)
            or PASSIVE.search(t)
            or (mode is None and TAKES_POST.search(t) is not None)
        ):
            for clause in (c for part in split_outside_brackets(t, "；;。") for c in _VERB_AFTER_COMMA.split(part)):
                if NOMINATION.match(clause):  # 提名为…区长候选人: not an appointment
                    continue
                sm = _STANDALONE.match(clause)
                if sm and (mode is None or PASSIVE.match(sm.group("verb"))):
                    out.extend(_standalone(sm, doc_number, signed))
                    continue
                pm = PRONOUN_ACTING.match(clause)
                if pm and out:  # 决定其为代理省长: the person just appointed, under the post's body
                    last = out[-1]
                    post = _split_posts(f"{last.post}、{pm.group('post')}")[-1]
                    out.extend(_noted(_make("appoint", pm, doc_number, signed, post, person=last.person), "代理"))
                    continue
                acting = _ACTING.search(clause) or _ACTING_AS.search(clause)
                if acting:
                    out.extend(_noted(_make("appoint", acting, doc_number, signed), "代理"))
                    continue
                em = _ELECTED.match(clause)
                if em:
                    out.extend(_noted(_make("appoint", em, doc_number, signed), "选举"))
                    continue
                rm = _RESIGN.search(clause)
                if rm:
                    for m in _RESIGN_ANY.finditer(clause):
                        out.extend(_resignation(m, doc_number, signed))
                    continue
                im = _INLINE.match(clause)
                if im:
                    mode = _mode_of(im.group("verb"))
                    when = _month_day(im, year) or signed
                    n_clause = len(out)
                    _read_clauses(clause[im.end() :], mode, doc_number, when, out, region)
                    if im.group("verb") == "选举":
                        _noted(out[n_clause:], "选举")
                else:
                    _read_clauses(clause, mode, doc_number, signed, out, region)
        else:
            _read_clauses(t, mode, doc_number, signed, out, region)
        if spans and k < len(spans):
            for a in out[n_before:]:
                a.span = spans[k]
        if unread is not None and len(out) == n_before and _VERB.search(t) and not (mm and mm.end() == len(t)):
            unread.append(k)
    for a in out:
        a.post = with_region(a.post, region)
    return out


_VERB = re.compile(r"任命|免去|聘任|解聘|辞去|不再担任|兼任")


def _standalone(m: re.Match[str], doc_number: str | None, signed: date | None) -> list[Appointment]:
    """A post taken (任, 兼任, 被任命为) or left (不再担任, 被免去) with no mode: one record per post; a
    comma between posts starts another body (…党组成员，中共…工作委员会副书记、委员，…管委会主任)."""
    verb = m.group("verb")
    action = "remove" if re.search(r"免去|解聘|不再担任", verb) else "appoint"
    out: list[Appointment] = []
    for group in split_outside_brackets(m.group("post"), "，,"):
        for post in _split_posts(group):
            made = _make(action, m, doc_number, signed, post)
            out.extend(_noted(made, "兼任") if verb == "兼任" else made)
    return out


def _read_clauses(
    t: str,
    mode: str | None,
    doc_number: str | None,
    signed: date | None,
    out: list[Appointment],
    region: str | None = None,
) -> None:
    """A clause list sharing one verb: 徐卫兴同志为X、孙础均同志为Y / 陈毅兼外交部部长，沙千里为粮食部部长.
    A piece is cut only after a whole clause (a post after 为/兼/的): 崔天凯、傅莹（女）、翟隽为…
    is one clause of three people."""
    start = 0
    for m in _NEXT_PERSON.finditer(t):
        if _CLAUSE_DONE.search(t, start, m.start()):
            _read_line(t[start : m.start()], mode, doc_number, signed, out, region)
            start = m.start() + 1
    _read_line(t[start:], mode, doc_number, signed, out, region)


def _month_day(m: re.Match[str], year: int | None) -> date | None:
    """The date a clause opens with (十月十六日), in ``year``."""
    if not (year and m.group("m") and m.group("d")):
        return None
    month, day = cn_int(m.group("m")), cn_int(m.group("d"))
    if month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _mode_of(verb: str) -> str:
    if verb == "接受":
        return "resign"
    if verb == "提名":  # 提名：, one nominee a line: nominations, not appointments
        return "nominate"
    return "appoint" if verb in ("任命", "聘任", "任", "选举", "增补", "通过") else "remove"


def _resignation(m: re.Match[str], doc_number: str | None, signed: date | None) -> list[Appointment]:
    """A resignation accepted: one removal per post, noted 辞职 and its reason (因工作变动)."""
    why = (m.group("why") or "").removeprefix("因")
    out: list[Appointment] = []
    for post in _split_posts(m.group("post")):
        made = _noted(_make("remove", m, doc_number, signed, post), "辞职")
        out.extend(_noted(made, f"因{why}") if why else made)
    return out


def _read_line(
    p: str,
    mode: str | None,
    doc_number: str | None,
    signed: date | None,
    out: list[Appointment],
    region: str | None = None,
) -> None:
    """Append the actions one paragraph states (given the current 任命：/免去： mode)."""
    t = squeeze(p)
    if _MODE.search(t):
        return
    lm = _LAPSE.match(t)
    if lm:
        out.extend(_make("lapse", lm, doc_number, signed))
        return
    # the verb printed again inside a list sharing it (…、任命李东冶为冶金工业部部长, 1982)
    t = _VERB_AGAIN.sub("", t, count=1)
    # 任命A、B、…、J等10人为国务委员: every member named, the count a check of the list
    cm = _COUNTED.search(t)
    if cm and (cn_int(cm.group("n")) or 0) == len(_NAME_SPLIT.split(t[: cm.start()])) > 1:
        t = t[: cm.start()] + t[cm.end() :]
    if mode == "appoint":
        gm = _GROUP.match(t)
        if gm:
            out.extend(_noted(_make("appoint", gm, doc_number, signed), f"等{gm.group('n')}名"))
            return
        am = _APPOINT.match(t)
        if am:
            posts = _split_posts(am.group("post"))
            for post in posts if len(posts) > 1 or posts != [am.group("post")] else [None]:
                made = _make("appoint", am, doc_number, signed, post)
                out.extend(_noted(made, "兼任") if am.group("verb").startswith("兼") else made)
    elif mode == "resign":
        sm = _RESIGN_LINE.match(t)
        if sm:
            out.extend(_resignation(sm, doc_number, signed))
    elif mode == "remove":
        rm = _REMOVE.match(t) or _REMOVE_BARE.match(t)
        if rm is None and region:
            rm = re.match(_REMOVE_AT_REGION.format(persons=_PERSONS, region=re.escape(region)), t)
        if rm:
            for post in _split_posts(rm.group("post")):
                out.extend(_make("remove", rm, doc_number, signed, post))


def _make(
    action: str,
    m: re.Match[str],
    doc_number: str | None,
    signed: date | None,
    post: str | None = None,
    person: str | None = None,
) -> list[Appointment]:
    """One action per person the clause names (崔天凯、傅莹（女）、翟隽为…: three); ``person`` when the
    clause names them by a pronoun (决定其为代理省长). An acting post (代理省长) is noted 代理."""
    raw = post if post is not None else m.group("post")
    probation = None
    pm = _PROBATION.search(raw)
    if pm:
        probation = cn_int(pm.group("n"))
    notes = [n.group("note") for n in _NOTE.finditer(raw) if not n.group("note").startswith("试用期")]
    clean = _NOTE.sub("", raw).strip()
    out = []
    if ACTING.search(clean) and "代理" not in notes:
        notes.append("代理")
    for one in split_outside_brackets(person or m.group("person"), "、"):
        own = notes + (["女"] if _WOMAN.search(one) else [])
        name = _WOMAN.sub("", one)
        out.append(Appointment(doc_number, action, name, clean, probation, "；".join(own) or None, signed))
    return out


def _noted(made: list[Appointment], note: str) -> list[Appointment]:
    """``made`` with ``note`` added after the notes each already has (列…之后；辞职), once."""
    for a in made:
        if note not in (a.note or "").split("；"):
            a.note = "；".join(x for x in (a.note, note) if x)
    return made


def _split_posts(s: str) -> list[str]:
    """``A、B`` -> [A, B], but never inside brackets (X中心（Y中心）副主任); a post naming no body of
    its own is the first post's body's (上海市松江区人民法院副院长、审判员 -> …人民法院审判员), and a
    list closed by 等 (…委员等职务) names its posts without the 等."""
    pieces = (
        x.strip().removesuffix("职务").removesuffix("的") for x in split_outside_brackets(s.removesuffix("等"), "、")
    )
    posts = [acting_first(p) for p in pieces if p]
    if len(posts) < 2:
        return posts or [s]
    region = _HEAD_BODY.match(posts[0]) or _OWN_BODY.match(posts[0])
    if region is not None:  # 泉州市人民政府副市长、市公安局局长: 泉州市公安局局长
        head = region.group(0)
        posts[1:] = [
            head[: head.rindex(lm.group("level")) + 1] + p[1:]
            if (lm := _LEVEL_POST.match(p)) and lm.group("level") in head
            else p
            for p in posts[1:]
        ]
    bm = _BODY.match(posts[0]) or _HEAD_BODY.match(posts[0]) or _BODY_BY_TITLE.match(posts[0])
    if bm is None:
        return posts
    body = bm.group("body")
    return [posts[0]] + [p if _OWN_BODY.match(p) or p.startswith(body) else body + p for p in posts[1:]]
