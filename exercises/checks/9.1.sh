# 9.1 Faults that never reach the Host: fault_exits, fast faults on and off.
limit=30
in_host() { cat <<'END'
p=/sys/module/lg/parameters/fault_exits
f=/sys/module/lg/parameters/fast_faults
echo "start: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf user=pages:1000 >/dev/null 2>&1; echo "lguest status $?"
echo "fast: $(cat $p 2>/dev/null || echo none)"
echo 0 >$f
lguest /lib/guest.elf user=pages:1000 >/dev/null 2>&1; echo "lguest status $?"
echo 1 >$f
echo "slow: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	[ "$(grep -c '^lguest status 0' "$log")" -eq 2 ] || { echo "a guest failed"; return; }
	a=$(value start) b=$(value fast) c=$(value slow)
	[ -n "$a" ] && [ -n "$c" ] || { echo "no parameter fault_exits"; return; }
	[ $((b - a)) -lt 200 ] || { echo "with fast faults, $((b - a)) faults reached the Host"; return; }
	[ $((c - b)) -ge 1000 ] || echo "without fast faults, only $((c - b)) faults reached the Host"
}
