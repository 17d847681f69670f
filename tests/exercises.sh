#!/bin/sh
# exercises.sh: every exercise's checker proven both ways (make
# check-exercises).  On the book as written every checker must FAIL; with
# the reference solutions applied (in scratch copies of the tree, as many
# together as apply cleanly, one build and one boot per batch) every one
# must pass.  With --static it only checks that each numbered exercise has
# a checker and a solution, and that each solution applies to the book
# (make check runs that part).  EXERCISES="N.M ..." proves only those.
# One line per test, then a count.
set -u
build=${BUILD:-build}
out=$build/tests
mkdir -p "$out"
results=$out/exercises.results
: >"$results"
say() { echo "$*" | tee -a "$results"; }
root=$(pwd)

# The numbered exercises: N.M for the Mth \begin{exercise} of chapter N.
numbers=$(for f in chapters/[0-9]*-*.nw; do
	n=$(basename "$f" | sed 's/-.*//')
	grep -c '^\\begin{exercise}' "$f" | awk -v n="$n" '{ for (m = 1; m <= $1; m++) print n "." m }'
done | sort -t. -k1,1n -k2,2n)
checks=$(ls exercises/checks | sed -n 's/\.sh$//p' | sort -t. -k1,1n -k2,2n)
[ "$numbers" = "$checks" ] && say "ok exercises_each_has_a_checker" ||
	say "FAIL exercises_each_has_a_checker: exercises $(echo $numbers), checkers $(echo $checks)"
for n in $numbers; do
	p=exercises/solutions/$n.patch
	if [ ! -f "$p" ]; then
		say "FAIL exercise_${n}_solution_applies: no $p"
	elif patch -p1 --dry-run -s -f <"$p" >/dev/null 2>&1; then
		say "ok exercise_${n}_solution_applies"
	else
		say "FAIL exercise_${n}_solution_applies: $p does not apply to the book"
	fi
done
if [ "${1:-}" = --static ]; then
	passed=$(grep -c '^ok ' "$results"); failed=$(grep -c '^FAIL ' "$results")
	echo "$passed passed, $failed failed"
	exit 0
fi

# EXERCISES="4.1 4.2" proves only those (the whole proof is long).
numbers=${EXERCISES:-$numbers}

# Every checker fails on the book as written.
start=$(date +%s)
sh exercises/grade $numbers >"$out/exercises-as-written.txt" 2>&1
for n in $numbers; do
	line=$(grep "^\(ok\|FAIL\) $n " "$out/exercises-as-written.txt")
	case $line in
	FAIL*)	say "ok exercise_${n}_fails_as_written" ;;
	ok*)	say "FAIL exercise_${n}_fails_as_written: the checker passes on the book as written" ;;
	*)	say "FAIL exercise_${n}_fails_as_written: no result (see $out/exercises-as-written.txt)" ;;
	esac
done
echo "# as written: $(( $(date +%s) - start )) s"

# Batches of solutions that apply together, each in a scratch tree.
scratch=$build/exercise-proof
rm -rf "$scratch"
new_tree() {
	dir=$scratch/$1
	mkdir -p "$dir/build"
	git ls-files | cpio -pdm --quiet "$dir"
	cp -a "$build/setup" "$dir/build/"
	for d in kernel busybox debs; do
		ln -s "$(cd "$build/$d" && pwd)" "$dir/build/$d"
	done
}
# First fit: each solution joins the first batch it applies to cleanly.
batch=0
for n in $numbers; do
	p=$root/exercises/solutions/$n.patch
	[ -f "$p" ] || continue
	b=1
	while [ $b -le $batch ] &&
		! (cd "$scratch/b$b" && patch -p1 -s -f --dry-run <"$p" >/dev/null 2>&1); do
		b=$((b + 1))
	done
	if [ $b -gt $batch ]; then
		batch=$b
		new_tree "b$b"
	fi
	if (cd "$scratch/b$b" && patch -p1 -s -f <"$p" >/dev/null 2>&1); then
		echo "$n" >>"$scratch/b$b.members"
	else
		say "FAIL exercise_${n}_passes_with_solution: the solution does not apply"
	fi
done
for b in $(seq 1 $batch); do
	[ -f "$scratch/b$b.members" ] || continue
	start=$(date +%s)
	(cd "$scratch/b$b" && BUILD=build sh exercises/grade $(cat ../b$b.members)) \
		>"$out/exercises-batch$b.txt" 2>&1
	for n in $(cat "$scratch/b$b.members"); do
		line=$(grep "^\(ok\|FAIL\) $n " "$out/exercises-batch$b.txt")
		case $line in
		ok*)	say "ok exercise_${n}_passes_with_solution" ;;
		FAIL*)	say "FAIL exercise_${n}_passes_with_solution: ${line#*: }" ;;
		*)	say "FAIL exercise_${n}_passes_with_solution: no result (see $out/exercises-batch$b.txt)" ;;
		esac
	done
	echo "# batch $b ($(cat "$scratch/b$b.members" | wc -w) solutions): $(( $(date +%s) - start )) s"
done
passed=$(grep -c '^ok ' "$results"); failed=$(grep -c '^FAIL ' "$results")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
