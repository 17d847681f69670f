#!/bin/sh
# drift.sh: every place the book owns (src/, tangle/, and the Makefile and
# the harness files named by -f) must be exactly what a fresh tangle of
# chapters/ writes (tangle/ is the tools themselves: see "The bootstrap").
# The places are the Makefile's PLACES, read from the Makefile itself.
set -u
build=${BUILD:-build}
tangle=$(pwd)/$build/tangle/tangle
chapters=$(ls chapters/*.nw | sort -t/ -k2 -n)
places=$(sed -n 's/^PLACES := //p' Makefile)
case $places in
*-o\ src*) ;;
*) echo "FAIL tangle_drift: no PLACES := -o src ... in the Makefile"; exit 0 ;;
esac

diffs=$(/usr/lib/noweb/markup -t $chapters | "$tangle" -n -p $places 2>&1)
status=$?
if [ $status -ne 0 ]; then
	echo "FAIL tangle_drift: tangle failed: $(echo "$diffs" | head -n 3)"
elif [ -n "$diffs" ]; then
	echo "FAIL tangle_drift: the tangled files differ from the chapters:" $diffs
else
	echo "ok tangle_drift"
fi

# A hand edit to a file the book owns beside hand-written ones (each -f
# file) is caught as one to src/ is: in a copy, each is edited, and the
# same question must name every one of them, and name none before.
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
files=$(echo "$places" | tr ' ' '\n' | sed -n '/^-f$/{n;p;}')
for f in chapters $files; do
	mkdir -p "$tmp/$(dirname "$f")" && cp -R "$f" "$tmp/$f"
done
asks() { (cd "$tmp" && /usr/lib/noweb/markup -t $chapters | "$tangle" -n -p $places); }
before=$(asks | grep -x -F "$(printf "would write %s\n" $files)" | sort)
for f in $files; do
	echo "# edited by hand" >>"$tmp/$f"
done
after=$(asks | grep -x -F "$(printf 'would write %s\n' $files)" | sort)
if [ -n "$before" ]; then
	echo "FAIL tangle_drift_hand_edit: unedited copies reported: $before"
elif [ "$after" != "$(printf 'would write %s\n' $files | sort)" ]; then
	echo "FAIL tangle_drift_hand_edit: hand edits to $(echo $files) reported as: $after"
else
	echo "ok tangle_drift_hand_edit"
fi
