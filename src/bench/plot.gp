# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/9-mastery.nw; edit the chapter, not this file.
# plot.gp: lguest/native per benchmark, from make bench's results file.
# Usage: gnuplot -e "data='bench.tsv'; out='bench.svg'" plot.gp
note = system("sed -n '1s/^# //p' " . data)
set terminal svg size 760,420 dynamic font "DejaVu Sans,11"
set output out
set datafile separator "\t"
set datafile missing "-"
set title note font ",10"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set logscale y
set yrange [0.1:*]
set ylabel "lguest / native"
set arrow from graph 0, first 1 to graph 1, first 1 nohead dashtype 2
set grid ytics
set xtics rotate by -35 scale 0 nomirror
set key top right
plot data using 4:xtic(1) title "instructions" lc rgb "#3a6ea5", \
     "" using 8 title "wall clock (median of 3)" lc rgb "#d08c30"
