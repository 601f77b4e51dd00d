#!/usr/bin/env bash
# Mutation testing of readinglist/core with mutmut (not part of CI: too slow).
#
#   .venv/bin/pip install -e '.[test,mutation]'
#   tests/mutation/run.sh                        # 50 seeded mutants of every core module
#   tests/mutation/run.sh --sample 0 query       # every mutant of core/query.py
#   tests/mutation/run.sh --survivors titles:25  # 25 mutants of titles.py, list survivors
#   .venv/bin/mutmut show NAME                   # the change a surviving mutant made
#
# Options: --sample N (mutants per module, 0 = all; default 50), --seed S (default 13),
# --survivors, --reuse (keep mutants/ and mutmut's test map from the last run: quicker,
# but only right if no test changed except by being added), --children N (mutants run at
# once, default 1). Runs at low priority. Prints the score per module and exits 1 when one
# is under 85%. Mutants listed in tests/mutation/equivalent.txt are left out of scores.
set -euo pipefail
cd "$(dirname "$0")/../.."

sample=50 seed=13 survivors="" reuse="" children=1 modules=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sample) sample="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --survivors) survivors="--survivors"; shift ;;
    --reuse) reuse=1; shift ;;
    --children) children="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) module="${1%.py}"; modules+=("${module//\//.}"); shift ;;
  esac
done

py=.venv/bin/python
mutmut=.venv/bin/mutmut
[ -x "$mutmut" ] || { echo "mutmut is missing: .venv/bin/pip install -e '.[test,mutation]'" >&2; exit 2; }
export QT_QPA_PLATFORM=offscreen

[ -n "$reuse" ] || rm -rf mutants
mkdir -p mutants
# Make the mutants and map tests to functions. The filter matches no mutant on purpose:
# mutmut stops once both are done (and says so, into the log).
echo "generating mutants and mapping tests (log: mutants/prepare.log)"
nice -n 10 "$mutmut" run --max-children "$children" 'readinglist.core.no_such_module.*' >mutants/prepare.log 2>&1 || true
[ -s mutants/mutmut-stats.json ] || { echo "mutmut failed, see mutants/prepare.log" >&2; exit 1; }

"$py" tests/mutation/mutants.py pick --sample "$sample" --seed "$seed" ${modules[@]+"${modules[@]}"} >/dev/null
echo "running $(wc -l <mutants/picked.txt) mutants (log: mutants/run.log)"
# shellcheck disable=SC2046  # one argument per mutant name
nice -n 10 "$mutmut" run --max-children "$children" $(cat mutants/picked.txt) >mutants/run.log 2>&1 || {
  tail -20 mutants/run.log >&2; echo "mutmut failed, see mutants/run.log" >&2; exit 1; }
"$py" tests/mutation/mutants.py score $survivors ${modules[@]+"${modules[@]}"}
