#!/bin/sh
# weave-exercises.sh: unit tests of weave's support for exercises, on the
# small web weave/exweb.nw (three exercises: hard with a hint, no
# difficulty and no hint, easy with a hint).  The PDF's LaTeX keeps the
# difficulty, moves each hint to the appendix of exercises and leaves a
# reference; the tour folds each hint in a <details>, and both indexes
# give number, title, difficulty and the command that checks it.
# Usage: tests/tangle/weave-exercises.sh [path/to/weave.c]
# Each test prints "ok NAME" or "FAIL NAME: why".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
src=${1:-$root/tangle/weave.c}
web=$root/tests/tangle/weave/exweb.nw
markup=/usr/lib/noweb/markup
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
failed=0
result() {
	if [ -z "$2" ]; then echo "ok $1"; else echo "FAIL $1: $2"; failed=1; fi
}
# has FILE LINE: FILE has LINE, whole and exactly.
has() { grep -qxF -- "$2" "$1" || echo "no line '$2' in $(basename "$1")"; }
# lacks FILE TEXT: TEXT is nowhere in FILE.
lacks() { ! grep -qF -- "$2" "$1" || echo "'$2' in $(basename "$1")"; }

gcc -std=c11 -O1 -o "$tmp/weave" "$src" 2>"$tmp/cc" || {
	echo "FAIL weave_exercises_build: $(head -n 1 "$tmp/cc")"; exit 1; }
(cd "$(dirname "$web")" && $markup -t "$(basename "$web")") >"$tmp/pipe"
"$tmp/weave" -latex -n 1 -o "$tmp/l" <"$tmp/pipe" 2>"$tmp/err" ||
	{ echo "FAIL weave_exercises_latex: $(cat "$tmp/err")"; exit 1; }
"$tmp/weave" -html -n 1 -o "$tmp/h" <"$tmp/pipe" 2>"$tmp/err" ||
	{ echo "FAIL weave_exercises_html: $(cat "$tmp/err")"; exit 1; }
c=$tmp/l/chapters.tex x=$tmp/l/exercises.tex

t_latex_difficulty() {
	has "$c" '\begin{exercise}[Count the \nwq{a}s][hard]\label{nwex1}' &&
	has "$c" '\begin{exercise}[No level]\label{nwex2}' &&
	has "$c" '\begin{exercise}[Easy one][easy]\label{nwex3}'
}
result weave_latex_exercise_keeps_difficulty "$(t_latex_difficulty)"

t_latex_hints() {
	lacks "$c" 'Look at' && lacks "$c" 'Second hint' && lacks "$c" '\begin{hint}' &&
	[ "$(grep -c '^\\exhintref{nwex[13]}$' "$c")" -eq 2 ] || { echo "not two \\exhintref in chapters.tex"; return; }
	lacks "$c" '\exhintref{nwex2}' &&
	has "$x" '\exhints' && has "$x" '\exhint{nwex1}{1.1}{' &&
	has "$x" 'Look at \nwid{nwc1}{\nwq{a}} closely.' &&
	has "$x" '\exhint{nwex3}{1.3}{' && has "$x" 'Second hint.' &&
	lacks "$x" '\exhint{nwex2}'
}
result weave_latex_hints_move_to_the_appendix "$(t_latex_hints)"

t_latex_index() {
	has "$x" '\nwexentry{nwex1}{1.1}{Count the \nwq{a}s}{hard}' &&
	has "$x" '\nwexentry{nwex2}{1.2}{No level}{}' &&
	has "$x" '\nwexentry{nwex3}{1.3}{Easy one}{easy}' &&
	# the style prints the difficulty and the command beside a level
	grep -q '^\\newcommand\\nwexentry\[4\].*' "$root/styles/lguest.sty" &&
	grep -A1 '^\\newcommand\\nwexentry' "$root/styles/lguest.sty" |
		grep -qF '(#4; \texttt{make exercise #2})' ||
		echo "lguest.sty's \\nwexentry does not print the difficulty and the command"
}
result weave_latex_exercise_index_has_level_and_command "$(t_latex_index)"

p=$tmp/h/parts e=$tmp/h/exweb.tex
t_html_hints() {
	[ "$(grep -c '^<details class="hint"><summary>Hint</summary>$' "$p")" -eq 2 ] ||
		{ echo "not two folded hints in the parts"; return; }
	[ "$(grep -c '^</details>$' "$p")" -eq 2 ] || { echo "not two </details>"; return; }
	has "$e" 'Second hint.'
}
result weave_html_hints_are_folded "$(t_html_hints)"

t_html_difficulty() {
	grep -qF '\textbf{Count the @@' "$e" || { echo "no title in the page"; return; }
	grep -q '^@@[0-9]*@@ \\textbf{Count the @@[0-9]*@@s\.} (hard; \\texttt{make exercise 1\.1}) $' "$e" ||
		{ echo "no difficulty and command after the first title"; return; }
	grep -q '^@@[0-9]*@@ \\textbf{No level\.} $' "$e" || { echo "the second exercise has a difficulty"; return; }
	grep -q '(easy; \\texttt{make exercise 1\.3})' "$e" || echo "no difficulty for the third"
}
result weave_html_exercise_shows_difficulty_and_command "$(t_html_difficulty)"

t_html_index() {
	i=$tmp/h/exercises.tex
	grep -q '^\\item @@[0-9]*@@ Count the @@[0-9]*@@s (One), hard: \\texttt{make exercise 1\.1}$' "$i" ||
		{ echo "index line 1: $(grep -m1 item "$i")"; return; }
	grep -q '^\\item @@[0-9]*@@ No level (One)$' "$i" || { echo "index line 2"; return; }
	grep -q '^\\item @@[0-9]*@@ Easy one (One), easy: \\texttt{make exercise 1\.3}$' "$i" || echo "index line 3"
}
result weave_html_exercise_index_has_level_and_command "$(t_html_index)"
exit $failed
