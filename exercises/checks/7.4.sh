# 7.4 Count the traps delivered: traps_delivered around trap and hcalls=1000.
limit=15
in_host() { cat <<'END'
p=/sys/module/lg/parameters/traps_delivered
echo "start: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf trap >/dev/null 2>&1; echo "lguest status $?"
echo "trap: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf hcalls=1000 >/dev/null 2>&1; echo "lguest status $?"
echo "busy: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	[ "$(grep -c '^lguest status 0' "$log")" -eq 2 ] || { echo "a guest failed"; return; }
	a=$(value start) b=$(value trap) c=$(value busy)
	[ -n "$a" ] && [ -n "$c" ] || { echo "no parameter traps_delivered"; return; }
	[ $((b - a)) -ge 1 ] && [ $((b - a)) -le 4 ] || { echo "trap added $((b - a)), not 1 to 4"; return; }
	[ $((c - b)) -lt 4 ] || echo "hcalls=1000 added $((c - b))"
}
