# 5.4 Bytes for the console: console_bytes rises by what the Launcher printed.
limit=15
in_host() { cat <<'END'
p=/sys/module/lg/parameters/console_bytes
echo "before: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf user=hello,pages:10 >/tmp/out 2>/dev/null; echo "lguest status $?"
echo "after: $(cat $p 2>/dev/null || echo none)"
echo "printed: $(wc -c </tmp/out)"
END
}
judge() {
	printed "^lguest status 0" || return
	a=$(value before) b=$(value after) n=$(value printed)
	[ -n "$a" ] && [ -n "$b" ] || { echo "no parameter console_bytes"; return; }
	[ $((b - a)) -eq "$n" ] || echo "console_bytes rose by $((b - a)), the Launcher printed $n bytes"
}
