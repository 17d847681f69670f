#!/bin/sh
# drift.sh: src/ and tangle/ must be exactly what a fresh tangle of
# chapters/ writes (tangle/ is the tools themselves: see "The bootstrap").
set -u
build=${BUILD:-build}
diffs=$(/usr/lib/noweb/markup -t $(ls chapters/*.nw | sort -t/ -k2 -n) | "$build/tangle/tangle" -n -p -o src -o tangle 2>&1)
status=$?
if [ $status -ne 0 ]; then
	echo "FAIL tangle_drift: tangle failed: $(echo "$diffs" | head -n 3)"
elif [ -n "$diffs" ]; then
	echo "FAIL tangle_drift: src/ or tangle/ differs from the chapters:" $diffs
else
	echo "ok tangle_drift"
fi
