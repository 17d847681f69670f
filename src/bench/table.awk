# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/9-mastery.nw; edit the chapter, not this file.
# table.awk: make bench's results file as a table for the terminal, or
# (-v latex=1) as a LaTeX table and the line that says where it was measured.
BEGIN { FS = "\t" }
/^#/ { note = substr($0, 3); next }
NF < 9 { next }

# chapters/9-mastery.nw, The table and the plot: <<Print a row of the book's table>>
latex && !rows++ {
	print "\\begin{center}"
	print "\\begin{tabular}{lrrrrr}"
	print "benchmark & native & lguest & ratio & exits/op & wall ratio \\\\"
	print " & insns/op & insns/op & & & \\\\"
}
latex {
	printf "%s & %s & %s & %s & %s & %s \\\\\n", $1, $2, $3, $4, $5, $8
	next
}

# chapters/9-mastery.nw, The table and the plot: <<Print a row of the terminal's table>>
!header++ {
	printf "%-15s %11s %11s %8s %9s   %11s %11s %8s\n", "benchmark",
	       "native", "lguest", "ratio", "exits/op", "wall native",
	       "wall lguest", "ratio"
	printf "%-15s %11s %11s %8s %9s   %11s %11s %8s\n", "",
	       "insns/op", "insns/op", "", "", "cycles/op", "cycles/op", ""
}
{
	printf "%-15s %11s %11s %8s %9s   %11s %11s %8s\n",
	       $1, $2, $3, $4, $5, $6, $7, $8
	if ($5 != "-" && $5 + 0 >= 0.5)
		offender[++offenders] = sprintf("  %-15s %s", $1, $9)
}

# chapters/9-mastery.nw, The table and the plot:
# <<Print the reasons of the benchmarks that exit most>>
END {
	if (latex) {
		if (rows)
			print "\\end{tabular}\n\\end{center}"
		gsub(/[\\#$%&_{}^~]/, "", note)
		print "\\noindent\\emph{The table was " note ".}"
		exit
	}
	if (offenders)
		print "Exits per operation under lguest, by reason:"
	for (i = 1; i <= offenders; i++)
		print offender[i]
	if (note != "")
		print "(" note ")"
}
