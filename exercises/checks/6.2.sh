# 6.2 Hits in the shadow cache: shadow_hits around two processes switching.
limit=20
in_host() { cat <<'END'
p=/sys/module/lg/parameters/shadow_hits
echo "before: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf user=pingpong:1000,pingpong:1000 >/dev/null 2>&1; echo "lguest status $?"
echo "after: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	printed "^lguest status 0" || return
	a=$(value before) b=$(value after)
	[ -n "$a" ] && [ -n "$b" ] || { echo "no parameter shadow_hits"; return; }
	[ $((b - a)) -ge 1000 ] || echo "shadow_hits went up by $((b - a)), not by 1000 or more"
}
