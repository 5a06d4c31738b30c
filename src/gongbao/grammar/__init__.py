"""grammar: the printed grammar of Chinese official gazettes, declared once.

A leaf module (it imports nothing else of gongbao) that every stage may use:

- ``numerals``: Chinese numerals (二十八, 一百零五, 二〇二四) <-> int;
- ``docnumber``: 文号 forms (聊政字〔2024〕15号, 国务院令第797号) and their normal form;
- ``dates``: dates as printed (2024年11月11日, 一九五四年十月十二日), date lines;
- ``outline``: regulation labels (第X编/章/节/条) and outline labels (一、（一）1.（1）①),
  date/issuer/header line shapes used by the structure parser;
- ``lines``: line shapes used by the segmenter (issuer lines, 令 headers, title lines,
  jump markers, complete sentences, split outside brackets);
- ``forms``: vocabulary and page shapes read from ``data/forms.json`` (document kinds and
  title endings, issuer suffixes, section names, mastheads and issue lines, page furniture,
  TOC page numbers, TOC headings, jump markers), each with printed examples that
  ``tests/test_segment_grammar.py`` iterates over;
- ``labels``: the label and reference forms the later stages read (amendment decisions,
  consolidation, citations, task lists, web links): 第X章/节/条 lines (tight, and spaced as PDF
  text prints them), references and their chains, full citations, outline labels of decisions
  and plans, decimal headings, plan parts, and the role keywords of responsibility clauses
  (``data/roles.json``); examples in ``data/labels.json``, iterated by
  ``tests/test_grammar_labels.py``;
- ``limits``: forms of time-limit provisions (definition articles making N日 working days, caps,
  exception clauses, fixed annual dates, actor words), examples in ``data/limits.json`` iterated by
  ``tests/test_grammar_limits.py``;
- ``history``: the history line under a law or regulation's title (dated clauses only: 1990年9月30日
  国务院批准 1990年10月22日对外经济贸易部发布, in brackets or not, Chinese or Arabic numerals,
  dates of one step joined by 、); forms and examples in ``data/forms.json`` (``history_line``);
- ``brackets``: splitting at separators outside brackets, with the named bracket sets.

The old import paths (``gongbao.segment.patterns``, ``gongbao.structure.patterns``,
``gongbao.structure.numerals``, ``gongbao.extract.docnumber``, ``gongbao.extract.dates``)
re-export these names.
"""
