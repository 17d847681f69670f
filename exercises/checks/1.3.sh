# 1.3 How often the guest stopped: exits, 100 hypercalls, exits.
limit=10
in_host() { echo 'lguest /lib/guest.elf exits hcalls=100 exits; echo "lguest status $?"'; }
judge() {
	printed "^Guest: [0-9]* exits so far" "^lguest status 0" || return
	set -- $(sed -n 's/^Guest: \([0-9]*\) exits so far.*/\1/p' "$log")
	[ $# -eq 2 ] || { echo "printed $# counts, not 2"; return; }
	[ "$1" -ge 1 ] || { echo "the first count is $1"; return; }
	[ "$2" -ge $(($1 + 100)) ] && [ "$2" -lt $(($1 + 200)) ] ||
		echo "counts $1 then $2: 100 hypercalls should add 100 to 199"
}
