#!/bin/sh
# differential.sh: tangle writes every root exactly as notangle does.
# Usage: tests/tangle/differential.sh path/to/tangle [WEB.nw...]
#
# Webs: the book's chapters (every root, by -R and as the files tangle
# writes), noweb's example webs from the installed noweb package, and
# generated webs (genweb.awk); with WEB arguments, those webs instead.
# Each web is compared both ways tabs can go: `markup -t | tangle` (the
# book's way, tangle's default -t 8) against `notangle -t8`, and
# `markup | tangle -t 0` against plain `notangle`, and both again with
# line directives, `tangle -L` against `notangle -L`, and with a format of
# our own, -L'%F:%-1L%%%+2L%N' (every part a format may have).  On the small webs
# every chunk is taken as a root, not only the roots.  Any byte of difference
# fails.  Prints one line a set of webs, "ok NAME: N roots identical" or
# "FAIL NAME: ...".
[ $# -ge 1 ] || { echo "usage: $0 path/to/tangle [WEB.nw...]" >&2; exit 2; }
tangle=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
markup=/usr/lib/noweb/markup
# notangle is `markup | nt` (`markup -t | nt -t8` for -t8): nt is called
# here on markup's output as notangle calls it, because notangle's own
# shell quoting breaks on root names holding ' or $ (nt -t0 is nt's default).
nt=/usr/lib/noweb/nt
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM
failed=0

# names WHICH FILE...: the roots (noroots) or every chunk, one a line.
names() {
	which=$1; shift
	if [ "$which" = roots ]; then
		noroots "$@" | sed 's/^<<\(.*\)>>$/\1/'
	else
		$markup "$@" | sed -n 's/^@defn //p' | sort -u
	fi
}

# compare WHICH FILE...: prints the number of names compared, or why not.
compare() {
	which=$1; shift
	$markup -t "$@" >"$tmp/pipe8" && $markup "$@" >"$tmp/pipe0" ||
		{ echo "markup failed"; return; }
	names "$which" "$@" >"$tmp/names"
	n=0
	while IFS= read -r r; do
		for t in 8 0; do
		for l in "" -L "-L%F:%-1L%%%+2L%N"; do
			$nt $l -t$t -R"$r" <"$tmp/pipe$t" >"$tmp/want" 2>/dev/null
			"$tangle" $l -t $t -R "$r" <"$tmp/pipe$t" >"$tmp/got" 2>"$tmp/err" ||
				{ echo "<<$r>> $l -t $t: tangle failed: $(head -1 "$tmp/err")"; return; }
			cmp -s "$tmp/want" "$tmp/got" ||
				{ echo "<<$r>> $l -t $t differs: $(diff "$tmp/want" "$tmp/got" | head -4 | tr '\n' '|')"; return; }
		done
		done
		n=$((n + 1))
	done <"$tmp/names"
	echo "$n"
}

result() {	# result NAME OUTCOME: OUTCOME a count means it passed
	case $2 in
	''|*[!0-9]*) echo "FAIL tangle_differential_$1: ${2:-nothing compared}"; failed=1 ;;
	*) echo "ok tangle_differential_$1: $2 roots identical" ;;
	esac
}

if [ $# -gt 0 ]; then
	for w in "$@"; do
		result "$(basename "$w" .nw)" "$(cd "$(dirname "$w")" && compare all "$(basename "$w")")"
	done
	exit $failed
fi

# The book: every root by -R, then the files tangle writes (without -p).
chapters=$(cd "$root" && ls chapters/*.nw | sort -t/ -k2 -n)
result chapters "$(cd "$root" && compare roots $chapters)"
places=$(cd "$root" && sed -n 's/^PLACES := //p' Makefile)
t_files() {
	mkdir "$tmp/w" && (cd "$root" && $markup -t $chapters) >"$tmp/book.pipe" &&
		(cd "$tmp/w" && "$tangle" $places <"$tmp/book.pipe" >/dev/null) ||
		{ echo "tangle $places failed"; return; }
	n=0
	for f in $(cd "$tmp/w" && find src tangle -type f | sort) \
		$(echo "$places" | tr ' ' '\n' | sed -n '/^-f$/{n;p;}'); do
		(cd "$root" && notangle -t8 -R"$f" $chapters) >"$tmp/want" 2>/dev/null
		cmp -s "$tmp/want" "$tmp/w/$f" || { echo "$f differs"; return; }
		n=$((n + 1))
	done
	echo "$n"
}
result chapter_files "$(t_files)"

# noweb's examples, every chunk of each.
ex=/usr/share/doc/noweb/examples
n=0
for w in "$ex"/*.nw; do
	got=$(cd "$ex" && compare all "$(basename "$w")")
	case $got in ''|*[!0-9]*) result "noweb_$(basename "$w" .nw)" "$got"; n=; break ;; esac
	n=$((n + got))
done
[ -n "$n" ] && result "noweb_examples_$(ls "$ex"/*.nw | wc -l)_webs" "$n"

# Generated webs, every chunk of each (SEEDS=N for more than 40).
n=0
mkdir -p "$tmp/gen"
seeds=${SEEDS:-40}
for seed in $(seq 1 "$seeds"); do
	awk -v seed=$seed -f "$here/genweb.awk" >"$tmp/gen/g$seed.nw"
	got=$(cd "$tmp/gen" && compare all "g$seed.nw")
	case $got in ''|*[!0-9]*) result "generated_seed_$seed" "$got"; n=; break ;; esac
	n=$((n + got))
done
[ -n "$n" ] && result "generated_${seeds}_webs" "$n"
exit $failed
