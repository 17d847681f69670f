# 6.1 Misses in the shadow cache: shadow_misses around two guests.
limit=20
in_host() { cat <<'END'
p=/sys/module/lg/parameters/shadow_misses
echo "start: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf >/dev/null 2>&1; echo "lguest status $?"
echo "empty: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf user=pingpong:1000,pingpong:1000 >/dev/null 2>&1; echo "lguest status $?"
echo "pingpong: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	[ "$(grep -c '^lguest status 0' "$log")" -eq 2 ] || { echo "a guest failed"; return; }
	a=$(value start) b=$(value empty) c=$(value pingpong)
	[ -n "$a" ] && [ -n "$c" ] || { echo "no parameter shadow_misses"; return; }
	[ $((b - a)) -ge 1 ] || { echo "a guest with no processes added $((b - a)) misses"; return; }
	[ $((c - b)) -ge 1 ] && [ $((c - b)) -lt 50 ] || echo "pingpong added $((c - b)) misses, not 1 to 49"
}
