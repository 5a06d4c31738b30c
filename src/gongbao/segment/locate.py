"""Find a TOC title again in the body, as a reader does: by similarity, not exact text.

OCR makes a TOC and the body differ (宜言/宣言, 业/并, 苏雑埃/苏维埃), a title is wrapped over
one to four lines in the body, and the TOC may add or drop the issuer. A candidate is a window
of 1–4 consecutive title-shaped lines (short, no sentence punctuation); its score is the Dice
coefficient of the character bigrams of the window and the TOC title.

Cost: an inverted index of bigrams -> lines is built once (linear in the text); each TOC title
looks only at the lines holding its rarest bigrams, at most ``MAX_CANDIDATES`` of them, so the
whole search is linear in the text for a bounded number of TOC entries.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache

from gongbao.grammar.dates import is_date_line
from gongbao.grammar.forms import JUMP_IN, JUMP_OUT
from gongbao.model import Line

MAX_WINDOW = 4  # a title printed over at most four lines
MAX_CANDIDATES = 200  # a bigram on more lines than this in the range is not informative
MAX_ANCHORS = 24
THRESHOLD = 0.55  # below this a window is not the title
NEAR = 3  # lines after a good window where a clearly better one is looked for
_NOISE = re.compile(r"[\s\W_]+")
_SENTENCE = re.compile(r"[。；;！？!?]|[，,].{12,}")
_FIELD = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[：:]")  # a labelled field line, no title


@lru_cache(maxsize=1 << 16)
def key(s: str) -> str:
    """Letters and digits only: punctuation, brackets and spacing differ between TOC and body."""
    return _NOISE.sub("", s)


def bigrams(s: str) -> Counter[str]:
    k = key(s)
    return Counter(k[i : i + 2] for i in range(len(k) - 1)) if len(k) > 1 else Counter({k: 1} if k else {})


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the bigram multisets of ``a`` and ``b`` (1.0: same text)."""
    ba, bb = bigrams(a), bigrams(b)
    total = sum(ba.values()) + sum(bb.values())
    if not total:
        return 0.0
    return 2 * sum((ba & bb).values()) / total


@lru_cache(maxsize=1 << 16)
def title_shaped(text: str) -> bool:
    """A line that can be (part of) a title: short, no sentence punctuation, not a date, not a
    jump marker (a （下转第872页） right above a title would join its window)."""
    t = text.strip()
    return (
        0 < len(t) <= 60
        and not _SENTENCE.search(t)
        and not _FIELD.match(t)  # 制作单位：海关总署口岸监管司, 来源：…
        and not is_date_line(t)
        and not t.endswith(("：", ":"))
        and JUMP_OUT.search(t) is None
        and JUMP_IN.search(t) is None
    )


@lru_cache(maxsize=1 << 16)
def _keyed(text: str) -> tuple[str, frozenset[str]]:
    """The key of a line and the set of its bigrams (lines repeat: page heads, labels)."""
    k = key(text)
    return k, frozenset(k[j : j + 2] for j in range(len(k) - 1))


class TitleIndex:
    """Bigram -> sorted line indices, over the title-shaped lines of ``lines``. Lines are
    grouped by key first (page heads, labels and markers repeat: one entry per distinct line),
    and a bigram's line list is merged from its keys' lists when a title first asks for it."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.shaped = [title_shaped(ln.text) for ln in lines]
        # keys are read only for title-shaped lines
        self.keys = [""] * len(lines)
        by_key: dict[str, list[int]] = {}
        setdefault = by_key.setdefault
        for i, ln in enumerate(lines):
            if not self.shaped[i]:
                continue
            self.keys[i] = k = _keyed(ln.text)[0]
            setdefault(k, []).append(i)
        self._by_key = by_key
        gram_keys: dict[str, list[str]] = {}
        for k in by_key:
            for g in {k[j : j + 2] for j in range(len(k) - 1)}:
                gram_keys.setdefault(g, []).append(k)
        self._gram_keys = gram_keys
        self._post: dict[str, list[int]] = {}

    def post(self, gram: str) -> list[int]:
        """The sorted indices of the title-shaped lines holding ``gram``."""
        got = self._post.get(gram)
        if got is None:
            keys = self._gram_keys.get(gram, ())
            if len(keys) == 1:
                got = self._by_key[keys[0]]
            else:
                got = sorted(i for k in keys for i in self._by_key[k])
            self._post[gram] = got
        return got

    def find(self, title: str, lo: int, hi: int) -> tuple[int, int, float] | None:
        """The best window ``(start, end, score)`` for ``title`` in ``lines[lo:hi]``: the first
        window scoring >= 0.85, else the best one above ``THRESHOLD``; ``None`` if none."""
        tk = key(title)
        grams = {tk[j : j + 2] for j in range(len(tk) - 1)}
        if not grams:
            return None
        # anchor lines: those sharing the most bigrams with the title (bigrams common in the
        # range say nothing and are skipped, which bounds the cost)
        hits: Counter[int] = Counter()
        for g in grams:
            post = self.post(g)
            if not post:
                continue
            a = bisect.bisect_left(post, lo)
            b = bisect.bisect_left(post, hi, a)
            if b - a > MAX_CANDIDATES:
                continue
            for i in post[a:b]:
                hits[i] += 1
        starts: set[int] = set()
        for i, _ in hits.most_common(MAX_ANCHORS):
            for s in range(max(lo, i - MAX_WINDOW + 1), i + 1):
                starts.add(s)
        tb = bigrams(tk)
        tn = sum(tb.values())
        best: tuple[int, int, float] | None = None
        good: tuple[int, int, float] | None = None  # the first window >= 0.85
        for s in sorted(starts):
            if good is not None and s > good[1] + NEAR:
                return good
            if not self.shaped[s]:
                continue
            here: tuple[int, int, float] | None = None
            text = ""
            for e in range(s, min(s + MAX_WINDOW, hi)):
                if not self.shaped[e]:
                    break
                text += self.keys[e]
                if len(text) > 2 * len(tk) + 8:
                    break
                wb = bigrams(text)
                score = 2 * sum((wb & tb).values()) / (sum(wb.values()) + tn)
                if here is None or score > here[2]:
                    here = (s, e + 1, score)
            if here is None or here[2] < THRESHOLD:
                continue
            if here[2] >= 0.85:
                # a line a few lines above the title can hold most of it: the signature of the
                # document before (南通市人民代表大会常务委员会 / 2021年10月9日 / 南通市人民代表大会
                # 常务委员会任免名单): a clearly better window just below is the title
                if good is None:
                    good = here
                elif here[2] >= good[2] + 0.05:
                    return here
                continue
            if best is None or here[2] > best[2]:
                best = here
        return good or best
