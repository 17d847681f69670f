# genweb.awk: a random noweb program, the same one for the same seed.
# Usage: awk -v seed=N -f genweb.awk >web.nw
# Chunks use only chunks defined after them (no cycles), on any column,
# several on a line, after tabs, spaces and UTF-8; some chunks end in blank
# lines, some are continued or empty, some uses name a chunk never defined.
function rnd(n) { state = (state * 1103515245 + 12345) % 2147483648; return int(state / 65536) % n }
function name(i) { return i == 0 ? (rnd(2) ? "*" : "main program") : "chunk " i }
function indent(   k, s) {
	k = rnd(6)
	s = k == 0 ? "" : k == 1 ? "\t" : k == 2 ? "    " : k == 3 ? "  \t " : k == 4 ? "\t\t" : "x = "
	return s
}
function line(i,   s, k, u) {
	s = indent()
	for (k = rnd(4); k > 0; k--) {
		u = rnd(10)
		if (u == 0) s = s "é\t"
		else if (u == 1) s = s "@<<not a use@>> "
		else if (u < 6 && i + 1 < n) s = s "<<" name(i + 1 + rnd(n - i - 1)) ">>"
		else if (u == 6) s = s "<<undefined " rnd(3) ">>"
		else s = s "text" rnd(100) (rnd(2) ? "\t" : " ")
	}
	return s
}
BEGIN {
	state = seed + 1
	n = 3 + rnd(12)
	for (i = 0; i < n; i++) {
		for (d = 1 + (rnd(4) == 0); d > 0; d--) {
			print "Some prose about [[" name(i) "]]."
			print "<<" name(i) ">>="
			for (l = rnd(5); l > 0; l--)
				print line(i)
			for (b = (rnd(3) == 0) + (rnd(5) == 0); b > 0; b--)
				print ""
			print "@"
		}
	}
}
