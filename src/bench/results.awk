# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/9-mastery.nw; edit the chapter, not this file.
# results.awk: the lines of make bench's logs, one row a benchmark.
# Usage: awk -f results.awk lguest.h side=S pass=P LOG...
# Prints: name native lguest ratio exits/op wall-native wall-lguest
# wall-ratio why, tab-separated; "-" for what was not measured.
BEGIN { OFS = "\t" }

# chapters/9-mastery.nw, From lines to rows: <<Learn the hypercalls' names from the ABI header>>
FILENAME ~ /lguest\.h$/ {
	if ($1 == "#define" && $2 ~ /^LHCALL_/ && $3 ~ /^[0-9]+$/)
		why_name[$3] = tolower(substr($2, 8))
	why_name[32] = "page-fault"
	why_name[33] = "trap"
	why_name[34] = "interrupt"
	next
}

# chapters/9-mastery.nw, From lines to rows:
# <<Read one benchmark's line, refusing one that does not parse>>
$1 == "bench" {
	if (NF != 6 || $3 !~ /^ops=[1-9][0-9]*$/ ||
	    $4 !~ /^cycles=[0-9]+$/ || $5 !~ /^exits=[0-9]+$/ ||
	    $6 !~ /^faults=[0-9]+$/) {
		printf "%s:%d: not a benchmark line: %s\n", FILENAME, FNR, $0 \
			>"/dev/stderr"
		broken = 1
		next
	}
	if (!($2 in seen)) {
		seen[$2] = 1
		order[++names] = $2
	}
	ops = substr($3, 5)
	key = side SUBSEP pass SUBSEP $2
	value[key, ++lines[key]] = substr($4, 8) / ops
	if (side == "lguest" && pass == "icount" && lines[key] == 1) {
		exits[$2] = substr($5, 7) / ops
		per_op[$2] = ops
	}
}

# chapters/9-mastery.nw, From lines to rows: <<Read which reasons a benchmark's exits had>>
$1 == "why" && side == "lguest" && pass == "icount" && !($2 in why) {
	why[$2] = ""
	for (i = 3; i <= NF; i++)
		why[$2] = why[$2] " " $i
}

# chapters/9-mastery.nw, From lines to rows: <<Print a row for each benchmark>>
END {
	for (i = 1; i <= names; i++) {
		n = order[i]
		native = pick("native", "icount", n)
		lguest = pick("lguest", "icount", n)
		wnative = pick("native", "wall", n)
		wlguest = pick("lguest", "wall", n)
		print n, native, lguest, ratio(lguest, native),
		      n in exits ? sprintf("%.2f", exits[n]) : "-",
		      wnative, wlguest, ratio(wlguest, wnative), top(n)
	}
	exit broken
}

# chapters/9-mastery.nw, From lines to rows:
# <<Helpers of the rows: the median, a ratio, the top reasons>>
function pick(s, p, n,    key, k, i, j, t, v) {
	key = s SUBSEP p SUBSEP n
	k = lines[key]
	if (!k)
		return "-"
	if (p == "icount")
		return sprintf("%.1f", value[key, 1])
	for (i = 1; i <= k; i++)
		v[i] = value[key, i]
	for (i = 2; i <= k; i++)
		for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
			t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
		}
	return sprintf("%.1f", v[int(k / 2) + 1])
}

function ratio(a, b) {
	if (a == "-" || b == "-" || b + 0 == 0)
		return "-"
	return sprintf("%.2f", a / b)
}

# chapters/9-mastery.nw, From lines to rows:
# <<Helpers of the rows: the median, a ratio, the top reasons>>
function top(n,    m, pairs, rc, r, c, best, i, out, count) {
	if (!(n in why))
		return "-"
	m = split(why[n], pairs, " ")
	for (i = 1; i <= m; i++) {
		split(pairs[i], rc, "=")
		r[i] = rc[1]
		c[i] = rc[2]
	}
	out = ""
	for (count = 0; count < 3; count++) {
		best = 0
		for (i = 1; i <= m; i++)
			if (c[i] >= per_op[n] / 100 && (!best || c[i] > c[best]))
				best = i
		if (!best)
			break
		out = out (out == "" ? "" : " ") sprintf("%s=%.2f",
			r[best] in why_name ? why_name[r[best]] : "hcall" r[best],
			c[best] / per_op[n])
		c[best] = 0
	}
	return out == "" ? "-" : out
}
