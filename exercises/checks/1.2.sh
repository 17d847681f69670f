# 1.2 Counting the console's hypercalls: conscount twice, one apart.
limit=10
in_host() { echo 'lguest /lib/guest.elf conscount conscount; echo "lguest status $?"'; }
judge() {
	printed "^Guest: [0-9]* console writes" "^lguest status 0" || return
	set -- $(sed -n 's/^Guest: \([0-9]*\) console writes.*/\1/p' "$log")
	[ $# -eq 2 ] || { echo "printed $# counts, not 2"; return; }
	[ "$1" -ge 1 ] || { echo "the banner was a console write, but the count is $1"; return; }
	[ "$2" -eq $(($1 + 1)) ] || echo "counts $1 then $2: the second should be $(($1 + 1))"
}
