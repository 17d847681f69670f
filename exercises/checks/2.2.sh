# 2.2 A system call for the time: user=uptime:200 prints two times.
limit=15
in_host() { echo 'lguest /lib/guest.elf user=uptime:200; echo "lguest status $?"'; }
judge() {
	printed "^uptime: [0-9]* ms" "^lguest status 0" || return
	set -- $(sed -n 's/^uptime: \([0-9]*\) ms.*/\1/p' "$log")
	[ $# -eq 2 ] || { echo "printed $# times, not 2"; return; }
	[ "$2" -ge $(($1 + 200)) ] || echo "times $1 and $2 are less than 200 ms apart"
	[ "$2" -lt $(($1 + 5000)) ] || echo "times $1 and $2 are more than 5 s apart"
}
