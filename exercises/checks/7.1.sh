# 7.1 Count the interrupts: the module parameter interrupts around one guest (timer=100).
limit=15
in_host() { cat <<'END'
p=/sys/module/lg/parameters/interrupts
echo "before: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf timer=100 >/dev/null 2>&1; echo "lguest status $?"
echo "after: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	printed "^lguest status 0" || return
	a=$(value before) b=$(value after)
	[ -n "$a" ] && [ -n "$b" ] || { echo "no parameter interrupts: $(grep '^before' "$log")"; return; }
	[ $((b - a)) -ge 75 ] && [ $((b - a)) -lt 130 ] ||
		echo "interrupts went up by $((b - a)), not by 75 to 129"
}
