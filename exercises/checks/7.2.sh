# 7.2 Count the naps: naps around a guest that sleeps and one that does not.
limit=15
in_host() { cat <<'END'
p=/sys/module/lg/parameters/naps
echo "start: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf sleep=300 >/dev/null 2>&1; echo "lguest status $?"
echo "slept: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf hcalls=1000 >/dev/null 2>&1; echo "lguest status $?"
echo "busy: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	[ "$(grep -c '^lguest status 0' "$log")" -eq 2 ] || { echo "a guest failed"; return; }
	a=$(value start) b=$(value slept) c=$(value busy)
	[ -n "$a" ] && [ -n "$c" ] || { echo "no parameter naps"; return; }
	[ $((b - a)) -ge 1 ] && [ $((b - a)) -lt 20 ] || { echo "sleep=300 added $((b - a)) naps, not 1 to 19"; return; }
	[ $((c - b)) -lt 5 ] || echo "hcalls=1000 added $((c - b)) naps"
}
