#!/usr/bin/env bash
# Benchmark environment: a separate virtualenv with ja-timex, the comparison baseline.
#
# ja-timex is never a dependency of nenpyo; it lives only in bench/.venv-jatimex (git-ignored),
# and the benchmark scripts run it in a subprocess with that venv's python.
#
#   bench/setup_jatimex.sh            # create (or reuse) the venv and install ja-timex
#   JATIMEX_VERSION=0.2.8 bench/setup_jatimex.sh
#   PYTHON=python3.11 bench/setup_jatimex.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv-jatimex"
python="${PYTHON:-python3}"
wanted="${JATIMEX_VERSION:-0.2.8}"

if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating $venv with $("$python" --version 2>&1)"
    "$python" -m venv "$venv"
fi

"$venv/bin/python" -m pip install --quiet --upgrade pip

# Pinned version first (the one the issues quote: ja-timex 0.2.8); fall back to the newest release.
if ! "$venv/bin/python" -m pip install --quiet "ja-timex==$wanted"; then
    echo "ja-timex==$wanted is not installable here; installing the newest ja-timex" >&2
    "$venv/bin/python" -m pip install --quiet ja-timex
fi

"$venv/bin/python" - <<'PY'
from importlib.metadata import version
from ja_timex import TimexParser

timexes = TimexParser().parse("2023年9月5日、翌日に会談した。")
print(f"ja-timex {version('ja-timex')} ready: {[t.value for t in timexes]}")
PY
echo "venv: $venv  (python: $venv/bin/python)"
