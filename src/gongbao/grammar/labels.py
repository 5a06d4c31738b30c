"""Unit labels and references as the genre prints them, declared once for every stage.

``outline`` holds the structure parser's line classifier; this module holds the label and
reference forms the later stages read (amendment decisions, consolidation, citations, tasks,
the web pages): 第X编/章/节/条/款/项/目, 第十五条之一, references and their chains
(第十条第二款第（三）项、第十二条), outline labels 一、（一）1.（1）①, decimal headings
1 / 1.1 / 1.1.1 and plan parts 第一部分. Each form has printed examples in
``data/labels.json`` that ``tests/test_grammar_labels.py`` iterates over.

Where two readers need a slightly different form, both are here under their own name with the
printed text that forced the difference. Patterns are linear (no nested quantifiers over the
same characters) except ``REF_CHAIN``, which is only searched in a bounded window.
"""

from __future__ import annotations

import re
from typing import Any

from gongbao.grammar._data import alternation, load
from gongbao.grammar.numerals import CN_NUMERAL_CHARS

# ---------------------------------------------------------------- numbers

#: Chinese numeral characters of a label (〇零○Ｏ一二两…九十百千万亿).
CN = CN_NUMERAL_CHARS
#: 十五 / 15: a label's number in Chinese or Arabic numerals (第十五条, 第15条).
NUM = rf"[{CN}\d]+"
#: 十五 only: references inside a regulation's text, which print Chinese numerals; an Arabic
#: 第15条 is left alone by the consolidation (it is not rewritten when articles move).
CN_NUM = rf"[{CN}]+"
#: 一 … 九十九: the numbers of outline labels 一、 and （一） in decisions and regulations (a
#: 百 never opens one, and 两、 / 〇、 are not labels).
SMALL_CN = "一二三四五六七八九十"
SMALL_NUM = rf"[{SMALL_CN}]+"
_DIGIT = rf"[{CN}\d]"
#: 二十 with a stray space inside, as PDF text comes (第 二 章 · 第十 条); no space at either end.
SPACED_NUM = rf"{_DIGIT}(?:{_DIGIT}|[ \u3000](?={_DIGIT}))*"


def label_number(s: str) -> str:
    """The number of a label as read by ``SPACED_NUM``, without its stray spaces (二 十 -> 二十)."""
    return "".join(s.split())


# ---------------------------------------------------------------- regulation labels

#: Structural units of a regulation, outermost first.
UNITS = "编章节条款项目"

#: A line opening an article: 第十五条 and the rest of the line; groups (number, rest).
#: Used on text known to hold articles (the quoted new text of an amendment).
#: A line that is one short field, a label and a name-like value with no punctuation
#: (分管省领导：林克庆), and a line that opens with a field's label (部门分工：…): two such lines are
#: two paragraphs, never one sentence wrapped.
FIELD_LINE = re.compile(r"[ \u3000]*[\u4e00-\u9fff]{2,8}[：:][^，。；：:,;、]{1,24}")
FIELD_START = re.compile(r"[ \u3000]*[\u4e00-\u9fff]{2,8}[：:]")
ARTICLE_LINE = re.compile(rf"^第({NUM})条[\s　]*(.*)$")
#: A line opening a chapter / section; groups (number, heading).
CHAPTER_LINE = re.compile(rf"^第({NUM})章[\s　]*(.*)$")
SECTION_LINE = re.compile(rf"^第({NUM})节[\s　]*(.*)$")
#: A line opening a subpart (分编) of a code's 编, between the 编 and its 章: 第一分编 通则 /
#: 第二分编 典型合同 (民法典 第三编 合同); groups (number, heading).
SUBPART_LINE = re.compile(rf"^第({NUM})分编(?:[\s　]+(.*))?$")
#: The unnumbered closing division of a code, printed alone on its line after the last 编 or
#: 章 (民法典 and 刑法 end with 附 则 and its articles): the 附则 that a 第X章 label does not number.
FINAL_PROVISIONS_LINE = re.compile(r"^附[ \u3000]*则$")

#: The same, on a regulation's whole printed text (PDF line breaks and all): a stray space may
#: stand inside the label (第 二 章 总则, 第十 条), and a line that starts with a reference
#: (第十条的规定… / 第十条、第十一条… / 第十条款项) continues the line above. 之一 of an article
#: inserted by an amendment (第十五条之一) is group 2. Groups (number, sub, rest); read the number
#: with ``label_number``.
ARTICLE_LINE_SPACED = re.compile(
    rf"^第\s*({SPACED_NUM})\s*条(?:之({NUM}))?(?:[\s\u3000]+|$|(?=[^的之、，,款项中规至和或及与]))(.*)$"
)
CHAPTER_LINE_SPACED = re.compile(rf"^第\s*({SPACED_NUM})\s*章\s*(.*)$")
SECTION_LINE_SPACED = re.compile(rf"^第\s*({SPACED_NUM})\s*节\s*(.*)$")

#: 第十条 / 第十条之一 / 第三章 at the start of a line: an article (or chapter) label and what
#: follows; groups (number, unit).
ARTICLE_OR_CHAPTER_START = re.compile(rf"^第({NUM})(条|章)\s*")
#: 第X章 / 第X节 / 第X条 at the start of a line (no group).
UNIT_LABEL_START = rf"第{NUM}[章节条]"
#: 第X条 at the start of a line, after layout (no group).
ARTICLE_START = re.compile(rf"^\s*第{NUM}条")

# ---------------------------------------------------------------- references

#: 第十条 anywhere (a reference or a label); group (number).
ARTICLE_REF = re.compile(rf"第({CN_NUM})条")
#: 第二款 right after an article reference; group (number).
PARAGRAPH_REF = re.compile(rf"第({CN_NUM})款")
#: A chain of references ending where a search stops (…第十条、第十二条第一款和 ) — what stands
#: before it tells whose articles they are (《…》第十条 cites another instrument).
REF_CHAIN = re.compile(rf"(第{CN_NUM}[条款项](?:第[{CN}（）()]+[款项])*[、，和及或至到与]?)+$")
#: A full citation (every part optional): 第三章第二节第十条之一第二款第（三）项第1目第二句;
#: named groups chapter, section, article, sub, paragraph, item, subitem, sentence.
CITATION = re.compile(
    rf"(?:第(?P<chapter>{NUM})章)?(?:第(?P<section>{NUM})节)?(?:第(?P<article>{NUM})条(?:之(?P<sub>{NUM}))?)?"
    rf"(?:第(?P<paragraph>{NUM})款)?(?:第\(?(?P<item>{NUM})\)?项)?(?:第(?P<subitem>{NUM})目)?"
    rf"(?:第(?P<sentence>{NUM})句)?"
)
#: One unit of a citation, searched part by part: (unit name, pattern with the number in group 1;
#: the article's 之一 in group 2). An item is cited 第（三）项 or 第三项, with or without spaces.
CITATION_PARTS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"第({NUM})编")),
    ("subpart", re.compile(rf"第({NUM})分编")),  # 第三编第二分编 (民法典)
    ("chapter", re.compile(rf"第({NUM})章")),
    ("section", re.compile(rf"第({NUM})节")),
    ("article", re.compile(rf"第({NUM})条(?:之({NUM}))?")),
    ("paragraph", re.compile(rf"第({NUM})款")),
    ("item", re.compile(rf"第\s*[（(]?\s*({NUM})\s*[）)]?\s*项")),
    ("subitem", re.compile(rf"第\s*[（(]?\s*({NUM})\s*[）)]?\s*目")),
]
#: 第一、二、三款: one 第 for a list of numbers; groups (first, 、rest…, unit).
SHORTHAND_LIST = re.compile(rf"第({NUM})((?:、{NUM})+)(款|项|条|章|目)")
#: An article reference as the web page links it: 第十条之一第二款第（三）项, not after 》 or 〉
#: (《某法》第十条 cites another instrument); group 1 is the whole reference.
LINKABLE_ARTICLE_REF = re.compile(
    rf"(?<![》〉])(第{CN_NUM}条(?:之{SMALL_NUM})?(?:第{SMALL_NUM}款)?(?:第（{SMALL_NUM}）项)?)"
)

# ---------------------------------------------------------------- outline labels

#: 一、 (level 1 of an outline; a part of a decision); group (number).
TOP_LABEL = rf"({SMALL_NUM})、"
#: （一） / (一) (level 2; an item of an article); group (number).
PAREN_LABEL = rf"[（(]({SMALL_NUM})[)）]"
#: 1. / 1． / 1、 not followed by a digit (1.5 is a number); group (number).
ARABIC_LABEL = r"(\d+)\s*[.．、](?!\d)"
#: An item of an article at a line start: （一） / (1) / 一、 and its text; groups (opening
#: bracket, number, closing bracket, number of the 一、 form, text).
ITEM_LINE = re.compile(rf"^(?:([（(])\s*({NUM})\s*([)）])|({SMALL_NUM})、)\s*(.*)$")
#: A subitem at a line start: 1. and its text; groups (number, text).
SUBITEM_LINE = re.compile(rf"^{ARABIC_LABEL}\s*(.*)$")
#: A numbered instruction of a decision: 1. / 1、 ; group (number).
NUMBERED_START = re.compile(rf"^{ARABIC_LABEL}\s*")

#: The heading of a list of instruments a decision repeals, printed alone (国务院决定废止的行政法规 under
#: 附件2; 决定废止的规章目录): the entries below it are repealed whole.
REPEAL_LIST_HEADING = re.compile(r"^[^《》“”。；;：:，,]{0,30}?(?:决定|予以)?废止的[^《》“”。；;：:，,]{1,20}$")
#: An entry of such a list: 一、 or 1. then the title (in 《》 or bare) and its history in brackets
#: (六、信访条例（2005年1月10日中华人民共和国国务院令第431号公布）); groups (number of 一、, number of 1.,
#: title, meta).
REPEAL_LIST_ITEM = re.compile(
    rf"^(?:{TOP_LABEL}|(\d+)\s*[.．、])\s*《?(?P<title>[^《》（(：:。]+?)》?\s*(?:[（(](?P<meta>.*)[）)])?[。；;]?$"
)

#: Outline labels of a plan's paragraphs (task lists) at any layout, level -> pattern with the
#: number in group 1. Plans print 一， and 一, for 一、 (聊城市2024年重点工作任务: "一，加快…"), so
#: level 1 takes 、，, after the numeral; up to four numerals.
_PLAN_CN = "一二三四五六七八九十百零〇两"
PLAN_OUTLINE: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^\s*([{_PLAN_CN}]{{1,4}})\s*[、，,]")),
    (2, re.compile(rf"^\s*[（(]\s*([{_PLAN_CN}]{{1,4}})\s*[）)]")),
    (3, re.compile(r"^\s*(\d{1,3})\s*[.．、](?!\d)")),
    (4, re.compile(r"^\s*[（(]\s*(\d{1,3})\s*[）)]")),
    (5, re.compile(r"^\s*([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
]

#: Decimal outline numbers of emergency plans and standards: 1 总则 / 1.1 编制目的 / 1.1.1 …;
#: named groups num, rest.
DECIMAL = re.compile(r"(?P<num>\d{1,2}(?:[.．]\d{1,2}){0,3})(?:[\s　]+|(?=[\u4e00-\u9fff]))(?P<rest>\S.*)?$")
#: What cannot follow a decimal number for it to be a heading: a unit or a quantity (1 万元, 3 年).
NOT_AFTER_DECIMAL = frozenset(
    "万亿倍元米个年月日时分秒吨件项次人户家座辆台所公号楼层岁名批类级期届条款章节部版页栋间张份套%％"
)
#: A citation ending in a decimal number: 二、1.1.2 / 1.1.2 (each level printed); named groups
#: prefix (the outline labels above it) and num.
DECIMAL_CITATION = re.compile(r"(?P<prefix>.*?)(?P<num>\d{1,2}(?:[.．]\d{1,2}){1,3})$")
#: 第一部分 总体要求: a part of a plan, above its 一、; named groups n, rest.
PLAN_PART = re.compile(r"第(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})部分(?:[\s　]*(?P<rest>.*))?$")


# ---------------------------------------------------------------- annexes, appended tables, notes

#: A line opening an attached text or an appended table: 附件 / 附件1 / 附件一 (刑法) alone on its line, or
#: 附表 / 附表一 / 附表1, the table's title after a space or a colon on the same line when it is
#: printed there (附表二：应税污染物和当量值表). Named groups n (附件's number), tn (附表's number,
#: Chinese or Arabic), title. A sentence that opens with 附表 (附表所列…) has no number and
#: separator: no match.
ANNEX_HEAD = re.compile(
    rf"附\s*件\s*(?P<n>\d{{1,2}}|{SMALL_NUM})?$"
    rf"|附\s*表\s*(?:(?P<tn>\d{{1,2}}|{SMALL_NUM})"
    r"(?:(?:[ \u3000]*[:：][ \u3000]*|[ \u3000]+)(?P<title>[^ \u3000，。；：:][^，。；]{0,60}))?)?$"
)
#: The title line of a table appended to a law after its last article, as the law prints it
#: (个人所得税税率表一（综合所得适用）: "税率表附后" in its 第三条): a name ending in 表 and its
#: number, then an optional bracketed scope; named groups label, title. Read only after the
#: last article and when a table follows (``gongbao.structure``).
TABLE_TITLE = re.compile(
    r"(?P<label>[\u4e00-\u9fff]{2,30}表(?:[一二三四五六七八九十]{1,3}|\d{1,2})?)"
    r"(?P<title>[（(][^（）()，。；]{1,20}[）)])?$"
)
#: A note printed under a table or a text, a paragraph of its own: 注：/ 注1：/ 注 2: / （注1：
#: (the bracket opened for two notes) / 说明：/ 备注：.
NOTE_START = re.compile(r"[（(]?(?:注|说明|备注)[ \u3000]*\d{0,2}[ \u3000]*[:：]")


# ---------------------------------------------------------------- chronicle (大事记) entries

#: A day or a month in figures or in Chinese numerals (一日 / 二十一日 / 六月: the 山东省人民政府公报
#: prints 一日 省委书记…); read with ``gongbao.grammar.numerals.cn_to_int``.
_CHRONICLE_CN = r"(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_CHRONICLE_N = rf"(?:\d{{1,2}}|{_CHRONICLE_CN})"
#: The time of day printed after an entry's date (2日下午， / 9日上午，), part of its date.
CHRONICLE_TIME_OF_DAY = r"(?:上午|下午|中午|晚上|晚间|凌晨|早上|早晨|晚)"

#: An entry of a chronicle opening with its date, and the comma after it: 14日， / 4-6日， /
#: 14日至16日， / 14—16日， / 6月14日，(a chronicle of a year or a quarter names the month) /
#: 6月30日至7月2日， / 9月1日　(the State Council Gazette prints a space, no comma). Named groups
#: m, d (the first day), m2, d2 (the last day of a range; m2 when it names its month), each in
#: figures or Chinese numerals (一日 省委书记…, the 山东省人民政府公报); a time of day after the
#: date and before its comma (2日下午，) is part of the date.
CHRONICLE_DATE = re.compile(
    rf"(?:(?P<m>{_CHRONICLE_N})\s*月\s*)?(?P<d>{_CHRONICLE_N})\s*(?:日\s*)?"
    rf"(?:[-—–~～至]\s*(?:(?P<m2>{_CHRONICLE_N})\s*月\s*)?(?P<d2>{_CHRONICLE_N})\s*)?日"
    rf"(?:\s*{CHRONICLE_TIME_OF_DAY}(?=\s*[，,、]))?\s*[，,、]?"
)
#: An entry opening with a bullet (△ / ● / ◆ / ▲ / ■): another event of the day before when no date
#: follows (△全省铁路建设工作会议…), an entry of its own when one does (△5月20日至21日，…) or
#: when its subject's first words give it (△省府于5月5日下午召开…: ``CHRONICLE_DATE_WITHIN``).
CHRONICLE_BULLET = re.compile(r"[△●◆▲■]\s*")
#: A date inside an entry's first words, after 于 (省府于5月5日下午召开…, 广东省人民政府公报 1997):
#: the position after 于 is where ``CHRONICLE_DATE`` is matched; the month must be named.
CHRONICLE_DATE_WITHIN = re.compile(r"[^，。,；;\s]{1,10}?于(?=\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
#: A byline closing a chronicle or its part, a paragraph of its own: （文秀） / (付清).
CHRONICLE_BYLINE = re.compile(r"[（(][\u4e00-\u9fff]{2,4}[）)]")
#: A chronicle's title numbering its part of a year's chronicle: 1993年政务大事记（二） / …大事记（上）.
CHRONICLE_TITLE_PART = re.compile(r"大事记\s*[（(][一二三四五六七八九十上中下]{1,3}[）)]$")
#: A line opening an entry dated by its day alone, comma required (the structure parser's and the
#: segmenter's entry: 14日， / 14日至16日， / 4-6日，); group 1 is the day.
CHRONICLE_DAY_LINE = re.compile(r"(\d{1,2})(?:\s*日?\s*[-—–~～至]\s*\d{1,2})?\s*日\s*[，,、]")
#: The structure parser's entry of a chronicle: the same, or its date naming the month
#: (6月14日， / 6月14日至16日， / 3月31日至4月1日，, a chronicle of a year), a time of day after it
#: (2日下午，); group 1 is the day in figures. Or a day in Chinese numerals and a space or a comma
#: (一日 省委书记…, the 山东省人民政府公报): group 2.
CHRONICLE_ENTRY_LINE = re.compile(
    r"(?:\d{1,2}\s*月\s*)?(\d{1,2})(?:\s*日?\s*[-—–~～至]\s*(?:\d{1,2}\s*月\s*)?\d{1,2})?\s*日"
    rf"(?:\s*{CHRONICLE_TIME_OF_DAY})?\s*[，,、]"
    rf"|(?:{_CHRONICLE_CN}\s*月\s*)?({_CHRONICLE_CN})\s*日[\s\u3000，,、]"
)
#: Another event of the day of the entry before: △ (the State Council Gazette), 同日， / 是日，.
CHRONICLE_SAME_DAY = re.compile(r"△|[同是]日\s*[，,、]")
#: An entry dated by a part of the month: 上旬， (1–10) / 中旬， (11–20) / 下旬， (21 to the end),
#: or of a month it names (6月上旬，, which sets the month); named groups m, part.
CHRONICLE_PERIOD = re.compile(rf"(?:(?P<m>{_CHRONICLE_N})\s*月\s*)?(?P<part>[上中下])旬\s*[，,、]")
#: An entry of the whole month: 本月， / 是月， / 当月， / 6月，/ 6月份， (a year's chronicle);
#: dated the month's first day, ``end`` its last; named group m.
CHRONICLE_WHOLE_MONTH = re.compile(rf"(?:本月|是月|当月|(?P<m>{_CHRONICLE_N})\s*月份?)\s*[，,、]")
#: The month a chronicle covers, in its title or on a heading line above its entries:
#: 广东省人民政府2020年6月大事记 / 大事记（2024年11月） / 2020年6月 / 6月; named groups y, m.
CHRONICLE_MONTH_HEAD = re.compile(r"(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月(?!\s*\d)")
#: A heading line of a chronicle naming only its month, fullmatched on the line (a chronicle of a
#: year or a quarter, month by month): 6月 / 6月份 / 2020年6月 / （2020年6月）; named groups y, m.
CHRONICLE_MONTH_LINE = re.compile(r"[（(]?\s*(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月份?\s*[）)]?")


# ---------------------------------------------------------------- responsibility roles


def _roles() -> dict[str, Any]:
    return load("roles")


#: Role keywords of a task's responsibility clause (牵头单位：…) -> lead / cooperating / responsible.
ROLE_WORDS: dict[str, str] = dict(_roles()["keywords"]["words"])
#: The keywords as one alternation, longest first.
ROLE_WORD = "(?:" + alternation(ROLE_WORDS) + ")"
#: Division-of-work keywords opening a paragraph of units with verbs (部门分工：A牵头，B配合。).
DIVISION_WORD = "(?:" + alternation(_roles()["division"]["words"]) + ")"


#: The last segment of a unit clause giving the task's deadline, no keyword (…，6月底完成 /
#: …，2025年6月底前完成 / …，持续推进), fullmatched on the segment with whitespace removed
#: (``data/roles.json``, deadline_segment). A date needs a month, a year's end, a quarter or a half
#: year, or a year with 前/完成: a year alone (2025年) or a month alone (6月) is no deadline.
_DUE_VERB = alternation(_roles()["deadline_segment"]["verbs"])
_DUE_DATE = (
    r"(?:到|至|在)?(?:\d{4}年(?:\d{1,2}月份?(?:底|末|中旬|上旬|下旬|\d{1,2}日)?|年?底|年?末|上半年|下半年|第?[一二三四1-4]季度末?)?"
    r"|\d{1,2}月份?(?:底|末|中旬|上旬|下旬|\d{1,2}日)?|年底|年末|上半年|下半年|第?[一二三四1-4]季度末?)"
)
DEADLINE_SEGMENT = re.compile(
    # a month or a year alone (6月 / 2025年) is no deadline; with 前, a verb or 到 it is
    rf"(?!\d{{1,2}}月份?$)(?!\d{{4}}年$)(?:{_DUE_DATE}(?:前|以前|之前)?(?:{_DUE_VERB})?"
    rf"|(?:{alternation(_roles()['deadline_segment']['standing'])}))"
)


def examples() -> dict[str, Any]:
    """``data/labels.json``: printed examples (and counter-examples) of every form here."""
    return load("labels")


#: A line of its own that assigns the item above to units (the unit cell of a task table read one
#: cell a line): names ending like organisations, joined by 、，, then an assignment verb, no full
#: stop — 市发改委牵头落实 / 市金融办、潍坊银监分局分别牵头落实 (``data/roles.json``, assignment_line).
_ORG_END = r"(?:局|委|办|厅|府|会|院|部|室|处|中心|行|公司|集团|单位|部门|街道|乡镇)"
_ASSIGN_NAME = rf"[\u4e00-\u9fff（）()]{{1,30}}?{_ORG_END}"
ASSIGNMENT_LINE = re.compile(
    rf"(?:{_ASSIGN_NAME}[、，,])*{_ASSIGN_NAME}(?:{alternation(_roles()['assignment_line']['verbs'])})"
)
