"""Build the per-document fixture texts of tests/data/structure/ from the sample gazette.

Each document is sliced from the sample by line ranges (jump fragments appended where
the 上接 marker says) and the lines broken by the PDF are re-joined with a simple rule.
This approximates what the segmenter produces, so the structure tests do not depend
on the pipeline. Regenerate with:  .venv/bin/python tests/data/structure/make_fixtures.py
and review the diff.
"""

import re
import sys

ROOT = __import__("pathlib").Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src"))
from gongbao.structure import patterns as P  # noqa: E402

END = tuple("。；：！？”）)」;:")
TITLE_ENDS = (
    "政府",
    "办公室",
    "号",
    "通知",
    "办法",
    "方案",
    "意见",
    "决定",
    "预案",
    "细则",
    "规划",
    "措施",
    "令",
    "）",
    ")",
    "大事记",
)


def doc(a, b, path=ROOT / "samples/liaocheng-2024-11-12.txt"):
    lines = open(path, encoding="utf-8").read().split("\n")[a - 1 : b]
    out = []
    for raw in lines:
        s = raw.strip()
        if not s:
            continue
        s = re.sub(r"^[（(]上接第\s*\d+\s*页[）)]", "", s)
        if not s:
            continue
        core = s[P.strip_layout(s) :]
        if out:
            prev = out[-1]
            pcore = prev[P.strip_layout(prev) :]
            starts_unit = (
                P.regulation_label(core)
                or P.outline_label(core)
                or P.ATTACHMENTS.match(core)
                or P.is_date_line(core)
                or P.ENTRY.match(core)
                or core.startswith(("△", "“"))
                or (P.is_issuer_line(core) and core.endswith(TITLE_ENDS))
            )
            unbalanced = (pcore.count("（") + pcore.count("(")) > (pcore.count("）") + pcore.count(")"))
            if (
                (not pcore.endswith(END) or unbalanced)
                and not starts_unit
                and not (P.is_header_line(pcore) and pcore.endswith(TITLE_ENDS))
                and not P.is_date_line(pcore)
                and len(pcore) > 12
            ):
                out[-1] = prev + core
                continue
        out.append(s)
    return "\n".join(out) + "\n"


# doc index in gold -> line ranges in the sample (dev approximation of the segmenter)
RANGES = {
    0: "128-425",
    1: "1034-1156",
    2: "1158-1177",
    3: "1179-1258,427-435",
    4: "1260-1348,1419-1427",
    5: "1350-1417",
    6: "1429-1490",
    7: "1505-1568",
    8: "1570-1634,1492-1503",
    9: "1636-1799,1810-1818",
    10: "1831-2084",
    11: "2086-2208,1801-1802,1820-1822",
    12: "2210-2223",
    13: "2225-2386,1804-1808,1823-1830",
    14: "2388-2463",
    15: "2481-2568,2465-2479",
    16: "2570-2804",
    17: "2806-2883",
    18: "2885-2916",
    19: "2918-2962",
    20: "2976-3033,2964-2974",
    21: "437-651",
    22: "653-1032",
}


def main():
    import json

    here = ROOT / "tests/data/structure"
    gold = json.loads((ROOT / "tests/data/liaocheng-2024-11-12.parse.json").read_text(encoding="utf-8"))["documents"]
    index = []
    for i, spec in RANGES.items():
        segs = [tuple(map(int, a.split("-"))) for a in spec.split(",")]
        text = "".join(doc(a, b) for a, b in segs)
        name = f"doc{i:02d}.txt"
        (here / name).write_text(text, encoding="utf-8")
        g = gold[i]
        index.append(
            {"file": name, "lines": spec, "doc_number": g.get("doc_number"), "title": g["title"], "kind": g["kind"]}
        )
    (here / "fixtures.json").write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
