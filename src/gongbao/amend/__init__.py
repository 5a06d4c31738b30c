"""amend stage: amending decisions -> operations -> new versions; diff; verify republished texts.

Entry points: ``grammar.parse_decision`` / ``parse_instructions`` (instructions and their
operations), ``engine.apply`` (a new version of a regulation), ``verify.verify_decision``
(``gongbao.verify/1``), ``diff.diff_versions``, ``versions.Work``.
"""
