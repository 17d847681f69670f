# 6.5 Entries copied ahead: ptes_ahead around pages:300 (slow faults) and hcalls.
limit=30
in_host() { cat <<'END'
p=/sys/module/lg/parameters/ptes_ahead
echo "start: $(cat $p 2>/dev/null || echo none)"
echo 0 >/sys/module/lg/parameters/fast_faults
lguest /lib/guest.elf user=pages:300 >/dev/null 2>&1; echo "lguest status $?"
echo 1 >/sys/module/lg/parameters/fast_faults
echo "paged: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf hcalls=1000 >/dev/null 2>&1; echo "lguest status $?"
echo "busy: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	[ "$(grep -c '^lguest status 0' "$log")" -eq 2 ] || { echo "a guest failed"; return; }
	a=$(value start) b=$(value paged) c=$(value busy)
	[ -n "$a" ] && [ -n "$c" ] || { echo "no parameter ptes_ahead"; return; }
	[ $((b - a)) -ge 300 ] || { echo "pages:300 added $((b - a)), not 300 or more"; return; }
	[ $((c - b)) -lt 50 ] || echo "hcalls=1000 added $((c - b))"
}
