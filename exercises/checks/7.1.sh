# 7.1 Count the interrupts: the module parameter interrupts around a
# guest that ticks at 100 Hz for a second, against the ticks it counted.
limit=15
in_host() { cat <<'END'
p=/sys/module/lg/parameters/interrupts
echo "before: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf timer=100 2>&1; echo "lguest status $?"
echo "after: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	printed "^lguest status 0" "^Guest: [0-9]* ticks in" || return
	a=$(value before) b=$(value after)
	t=$(sed -n 's/^Guest: \([0-9]*\) ticks in.*/\1/p' "$log")
	[ -n "$a" ] && [ -n "$b" ] || { echo "no parameter interrupts: $(grep '^before' "$log")"; return; }
	[ $((b - a)) -ge "$t" ] && [ $((b - a)) -le $((t + 10)) ] ||
		echo "interrupts went up by $((b - a)), but the guest counted $t ticks"
}
