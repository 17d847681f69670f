# 8.1 Count the world switches: the module parameter switches around one guest (hcalls=1000).
limit=15
in_host() { cat <<'END'
p=/sys/module/lg/parameters/switches
echo "before: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf hcalls=1000 >/dev/null 2>&1; echo "lguest status $?"
echo "after: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	printed "^lguest status 0" || return
	a=$(value before) b=$(value after)
	[ -n "$a" ] && [ -n "$b" ] || { echo "no parameter switches: $(grep '^before' "$log")"; return; }
	[ $((b - a)) -ge 1000 ] && [ $((b - a)) -lt 1300 ] ||
		echo "switches went up by $((b - a)), not by 1000 to 1299"
}
