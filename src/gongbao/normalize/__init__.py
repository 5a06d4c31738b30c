"""normalize: clean each source line as a reader would, keeping a map back to the source.

Entry point: ``normalize_lines(source_text) -> (lines, changes)``.

Guarantees (tested with Hypothesis):
- every normalized character maps to a source offset (``Line.mt``); repairs map as blocks;
- normalizing an already normalized text changes nothing (idempotent);
- each change is recorded as a ``model.Change`` (kind, source span, before, after);
- cost is linear in the input: one pass of precompiled, non-backtracking patterns.

What is changed, and why:
1. half-width ``, ; : ( ) ? !`` in Chinese running text -> full-width (``，；：（）？！``), except
   between two ASCII letters/digits (``1,000``, ``10:30``, ``f(x)``); full-width digits and Latin
   letters -> ASCII (``２０１９`` -> ``2019``, change kind ``width``), so 文号, dates and labels read alike;
2. spaces the PDF put between Chinese and digits or full-width punctuation are removed
   (``2024 年 11 月`` -> ``2024年11月``; ``第 48 号`` -> ``第48号``); spaces between two Chinese
   characters are kept (``第一条 为了`` and ``总 则`` are typography, not noise);
3. artifacts are repaired: ``PM_{2.5}`` -> ``PM2.5``, ``NO_x`` -> ``NOx``, an OCR dash read for the
   一 of a year (``—九九九年`` -> ``一九九九年``, change kind ``ocr``), a stray English
   `` and `` between Chinese words -> ``和``;
4. a list-layout prefix ``- `` at the start of a line is dropped.
Line joining across page breaks happens later (segment), where document context is known.
"""

from gongbao.normalize.lines import normalize_line, normalize_lines, normalize_text

__all__ = ["normalize_line", "normalize_lines", "normalize_text"]
