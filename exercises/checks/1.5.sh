# 1.5 Interrupts held off: irqhold=300, no tick while held, one after.
limit=15
in_host() { echo 'lguest /lib/guest.elf irqhold=300; echo "lguest status $?"'; }
judge() {
	printed "^Guest: held 300 ms: [0-9]* ticks then, [0-9]* after" "^lguest status 0" || return
	printed "^Guest: held 300 ms: 0 ticks then, 1 after\$" ||
		echo "it printed: $(grep '^Guest: held' "$log")"
}
