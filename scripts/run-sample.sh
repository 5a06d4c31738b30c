#!/usr/bin/env bash
# The main job on the bundled sample with the embedded default store (SQLite ./gongbao.db):
# install, parse and ingest the gazette, then answer a few of the questions users ask.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
G=.venv/bin/gongbao
SAMPLE=samples/liaocheng-2024-11-12.txt
export GONGBAO_DB="${GONGBAO_DB:-$PWD/gongbao.db}"
mkdir -p out
$G parse "$SAMPLE" --format json > out/liaocheng-2024-11-12.parse.json
echo "parsed: out/liaocheng-2024-11-12.parse.json"
$G ingest "$SAMPLE"
echo; echo "# documents in force on 2025-03-01"; $G docs --in-force --as-of 2025-03-01
echo; echo "# where do the rules say 拒载"; $G search 拒载 --limit 3
echo; echo "# status of 聊城市人民政府令第34号 on 2025-01-01"; $G status 聊城市人民政府令第34号 --as-of 2025-01-01
echo; echo "# what did order No. 48 change (from the store; each instruction against the text it made)"; $G effects 市政府令第48号 > out/effects.txt && head -12 out/effects.txt
echo; echo "# verify order No. 48 against the republished texts"; $G verify "$SAMPLE" --format json > out/verify.json && echo "verified: out/verify.json"
echo; echo "# tasks led by 市生态环境局"; $G tasks "$SAMPLE" --unit 市生态环境局 --role lead | head -20
