#!/bin/sh
# provenance.sh: every tangled file says at its top which chapter it is
# from, and every comment tangle -p writes at a chunk's boundary names the
# chapter and the chunk that the next line really comes from: by tangle's
# line map, that chapter's line is the same text, inside that chunk.
set -u
build=${BUILD:-build}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
root=$(pwd)
mkdir "$tmp/src" "$tmp/tangle"
ln -s "$root/chapters" "$tmp/chapters"
/usr/lib/noweb/markup -t $(ls chapters/*.nw | sort -t/ -k2 -n) >"$tmp/pipe" ||
	{ echo "FAIL provenance: markup failed"; exit 0; }
# The places the book owns, as the Makefile tangles them: src/, tangle/
# and the single files named by -f.
places=$(sed -n 's/^PLACES := //p' Makefile)
files=$(echo "$places" | tr ' ' '\n' | sed -n '/^-f$/{n;p;}')
(cd "$tmp" && "$root/$build/tangle/tangle" -p $places -m map <pipe >/dev/null) ||
	{ echo "FAIL provenance: tangle failed"; exit 0; }
(cd "$tmp" && awk -v mapfile=map -f "$root/tests/provenance.awk" map \
	chapters/*.nw $(find src tangle -type f | sort) $files)
