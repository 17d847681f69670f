#!/bin/sh
# bench.sh: the book's tools against noweb's own pipeline on the same input,
# one run each: time (s) and peak memory (max RSS, KB).  Not a test: it
# prints a table (Markdown) and fails only if a tool fails.
# Usage: tests/tangle/bench.sh [BUILD-DIR]   (default build; run make first)
#
# Inputs, generated: a web of about 5 MB (bigweb.awk: 60 files of 250
# parts), and a chain of 10,000 chunks, each used indented inside the next.
# Both sides read the same pipeline, made once by markup (-t for tangling).
set -u
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
tools=$(cd "$build/tangle" && pwd) || exit 2
lib=/usr/lib/noweb
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

awk -v files=60 -v parts=250 -f "$here/bigweb.awk" >"$tmp/big.nw"
$lib/markup -t "$tmp/big.nw" >"$tmp/big.pipe8"
$lib/markup "$tmp/big.nw" >"$tmp/big.pipe0"
awk 'BEGIN { n = 10000
	print "<<deep>>="; print "<<c 0>>"; print "@"
	for (i = 0; i < n; i++) { print "<<c " i ">>="; print "\t<<c " i + 1 ">>"; print "@" }
	print "<<c " n ">>="; print "bottom"; print "@" }' >"$tmp/deep.nw"
$lib/markup -t "$tmp/deep.nw" >"$tmp/deep.pipe8"

# run NAME INPUT COMMAND: one row, the command reading INPUT in $tmp/run.
run() {
	name=$1 input=$2; shift 2
	rm -rf "$tmp/run" && mkdir "$tmp/run" "$tmp/run/src" || exit 2
	(cd "$tmp/run" && /usr/bin/time -f '%e %M' -o "$tmp/time" sh -c "$*" <"$input" \
		>/dev/null 2>"$tmp/err") || { echo "FAIL $name: $(head -2 "$tmp/err")"; exit 1; }
	read -r secs kb <"$tmp/time"
	printf '| %s | %s | %s |\n' "$name" "$secs" "$kb"
}

echo "Input: $(wc -c <"$tmp/big.nw") bytes, $(grep -c '^<<.*>>=$' "$tmp/big.nw") chunk definitions, 60 roots."
echo
echo "| job | time (s) | peak memory (KB) |"
echo "|---|---|---|"
run "tangle every root: ours (tangle -o src)" "$tmp/big.pipe8" "'$tools/tangle' -o src"
run "tangle every root: noweb (mnt -t8 -all, as noweb -t)" "$tmp/big.pipe8" "$lib/mnt -t8 -all"
run "tangle one root: ours (tangle -R)" "$tmp/big.pipe8" "'$tools/tangle' -R src/f0.c"
run "tangle one root: noweb (nt -t8 -R, as notangle -t8)" "$tmp/big.pipe8" "$lib/nt -t8 -Rsrc/f0.c"
run "weave LaTeX: ours (weave -latex)" "$tmp/big.pipe0" "'$tools/weave' -latex -o out"
run "weave LaTeX: noweb (noidx | totex)" "$tmp/big.pipe0" "$lib/noidx | $lib/totex"
run "weave LaTeX: noweb (finduses | noidx | totex, as noweave -index)" "$tmp/big.pipe0" \
	"$lib/finduses | $lib/noidx | $lib/totex"
run "weave HTML: ours (weave -html)" "$tmp/big.pipe0" "'$tools/weave' -html -o out"
run "weave HTML: noweb (finduses | noidx | tohtml)" "$tmp/big.pipe0" \
	"$lib/finduses | $lib/noidx | $lib/tohtml"
run "10,000-deep indented chain: ours (tangle -R)" "$tmp/deep.pipe8" "'$tools/tangle' -R deep"
run "10,000-deep indented chain: noweb (nt -t8 -R)" "$tmp/deep.pipe8" "$lib/nt -t8 -Rdeep"
