# 8.4 The price of a round trip: hcallcost=2000 and 8000 agree.
limit=20
in_host() { echo 'lguest /lib/guest.elf hcallcost=2000 hcallcost=8000; echo "lguest status $?"'; }
judge() {
	printed "^Guest: 2000 hypercalls, [0-9]* cycles each" "^Guest: 8000 hypercalls, [0-9]* cycles each" "^lguest status 0" || return
	a=$(sed -n 's/^Guest: 2000 hypercalls, \([0-9]*\) cycles each.*/\1/p' "$log")
	b=$(sed -n 's/^Guest: 8000 hypercalls, \([0-9]*\) cycles each.*/\1/p' "$log")
	[ "$a" -ge 100 ] && [ "$b" -ge 100 ] || { echo "$a and $b cycles: too few for a trip through the Switcher"; return; }
	[ "$a" -le $((3 * b)) ] && [ "$b" -le $((3 * a)) ] || echo "$a and $b cycles each do not agree within a factor of three"
}
