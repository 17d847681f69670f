#!/bin/sh
# drift.sh: src/ must be exactly what a fresh tangle of chapters/ writes.
set -u
build=${BUILD:-build}
diffs=$(/usr/lib/noweb/markup -t $(ls chapters/*.nw | sort -t/ -k2 -n) | "$build/tangle/tangle" -n -p -o src 2>&1)
status=$?
if [ $status -ne 0 ]; then
	echo "FAIL tangle_drift: tangle failed: $(echo "$diffs" | head -n 3)"
elif [ -n "$diffs" ]; then
	echo "FAIL tangle_drift: src/ differs from the chapters:" $diffs
else
	echo "ok tangle_drift"
fi
