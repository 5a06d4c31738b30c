"""Is this text a gazette or an official document at all? (``not_a_gazette``)

A principled test from three kinds of evidence a reader uses at a glance:
1. script: official documents are Chinese; a text with under 30% Chinese characters among
   its visible ones is something else (an English licence, a paper, code);
2. shape: data files are tables (most lines split into the same number of fields by the
   same separator: CSV, TSV); official documents are prose under headers;
3. vocabulary: the words of 公文 (关于, 通知, 人民政府, 施行, 贯彻, 第一条…, listed in
   ``grammar/data/forms.json``) are dense in any official text, of any decade; a story or an
   essay in Chinese uses them rarely. Header shapes (a TOC, a 文号, a 令 header, a title
   ending in a document kind) lower the density required.
The measure reads at most the first 200,000 characters, so it costs O(1) per issue beyond that.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from gongbao.grammar.forms import forms

SAMPLE = 200_000
MIN_CHINESE = 0.30
MIN_DENSITY = 15.0  # official words per 1,000 Chinese characters, with no header shape
MIN_DENSITY_SHAPED = 8.0  # with a TOC or document headers
# runs of Chinese characters: counted by their lengths (a list of runs, not of every character:
# findall of single characters cost 46 ms on a 200,000-character sample, the runs 5 ms)
_CJK_RUNS = re.compile(r"[\u4e00-\u9fff]+")


@cache
def _vocabulary() -> re.Pattern[str]:
    words = sorted(set(forms()["official_vocabulary"]["words"]), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def _tabular(lines: list[str]) -> str | None:
    """The separator when most lines are rows of a table (CSV/TSV/|), else ``None``."""
    rows = [ln for ln in lines if ln.strip()][:400]
    if len(rows) < 5:
        return None
    for sep in (",", "\t", ";", "|", "，"):
        counts = Counter(r.count(sep) for r in rows)
        n, freq = counts.most_common(1)[0]
        if n >= 2 and freq >= 0.6 * len(rows):
            return sep
    return None


def official_density(text: str) -> tuple[float, float]:
    """(share of Chinese among visible characters, official words per 1,000 Chinese characters)."""
    sample = text[:SAMPLE]
    visible = len("".join(sample.split()))  # str.split() drops exactly the characters isspace() names
    cjk = sum(map(len, _CJK_RUNS.findall(sample)))
    if not visible:
        return 0.0, 0.0
    words = len(_vocabulary().findall(sample))
    return cjk / visible, (1000.0 * words / cjk if cjk else 0.0)


def not_a_gazette(text: str, *, shaped: bool) -> str | None:
    """Why ``text`` is not a gazette or official document, or ``None`` when it reads as one.
    ``shaped``: the segmenter found a TOC or document headers of the genre."""
    share, density = official_density(text)
    if share < MIN_CHINESE:
        return f"only {share:.0%} of the visible characters are Chinese: not an official document"
    need = MIN_DENSITY_SHAPED if shaped else MIN_DENSITY
    sep = _tabular(text[:SAMPLE].split("\n"))
    if sep is not None and density < 2 * MIN_DENSITY:
        # a table of data; a table whose cells are official words (a task list: 工作任务 具体要求
        # 责任科室 时限要求, 67–110 per 1,000) is an official document printed as a table
        return f"a table of {sep!r}-separated fields (CSV-like data), not an official document"
    if density < need:
        return (
            f"official-document vocabulary is rare ({density:.1f} per 1,000 Chinese characters, "
            f"official texts have over {need:.0f}): not an official document"
        )
    return None
