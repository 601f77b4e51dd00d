#!/bin/bash
# Start-up of the window on a small library, to compare two checkouts (issue 15: it must not grow).
# usage: tests/perf/startup.sh REPO   (a checkout with its own .venv; run it for two, interleaved)
# prints the median wall time of 9 runs of `readinglist gui --screenshot` on the 3 fixture digests
set -e
REPO=$1; PY=$REPO/.venv/bin/python; RL=$REPO/.venv/bin/readinglist
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; export HOME=$W XDG_CONFIG_HOME=$W/cfg XDG_DATA_HOME=$W/data XDG_STATE_HOME=$W/state QT_QPA_PLATFORM=offscreen
$RL import --db $W/lib.sqlite $REPO/tests/fixtures/digests/* >/dev/null 2>&1
$RL gui --db $W/lib.sqlite --screenshot $W/warm.png >/dev/null 2>&1
$PY - "$RL" "$W" <<'PY'
import subprocess, sys, time, statistics
rl, w = sys.argv[1], sys.argv[2]
t=[]
for i in range(9):
    s=time.perf_counter(); subprocess.run([rl,"gui","--db",w+"/lib.sqlite","--screenshot",f"{w}/s{i}.png"],check=True,capture_output=True); t.append(time.perf_counter()-s)
print("screenshot median %.3f s  min %.3f  max %.3f" % (statistics.median(t), min(t), max(t)))
PY
$PY -X importtime -c "import readinglist.gui.app" 2>&1 | tail -1
