# 9.2 What a fast fault saves: faultcost:500 with fast faults on and off.
limit=30
in_host() { cat <<'END'
f=/sys/module/lg/parameters/fast_faults
lguest /lib/guest.elf user=faultcost:500 2>&1 | sed 's/^faultcost:/fast:/'; echo "lguest status $?"
echo 0 >$f
lguest /lib/guest.elf user=faultcost:500 2>&1 | sed 's/^faultcost:/slow:/'; echo "lguest status $?"
echo 1 >$f
END
}
judge() {
	printed "^fast: 500 pages, [0-9]* host exits" "^slow: 500 pages, [0-9]* host exits" || return
	a=$(sed -n 's/^fast: 500 pages, \([0-9]*\) host exits.*/\1/p' "$log")
	b=$(sed -n 's/^slow: 500 pages, \([0-9]*\) host exits.*/\1/p' "$log")
	[ "$a" -lt 750 ] || { echo "with fast faults, $a exits"; return; }
	[ "$b" -ge 1000 ] || echo "without fast faults, only $b exits"
}
