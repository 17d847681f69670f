# 2.4 System calls stay in the guest: sysexits:20000.
limit=20
in_host() { echo 'lguest /lib/guest.elf user=sysexits:20000; echo "lguest status $?"'; }
judge() {
	printed "^sysexits: 20000 calls, [0-9]* host exits" "^lguest status 0" || return
	x=$(sed -n 's/^sysexits: 20000 calls, \([0-9]*\) host exits.*/\1/p' "$log")
	[ "$x" -lt 2000 ] || echo "$x host exits for 20000 system calls"
}
