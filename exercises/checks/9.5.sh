# 9.5 When the Host says no: fast_refusals around pfgate=0 and a plain guest.
limit=20
in_host() { cat <<'END'
p=/sys/module/lg/parameters/fast_refusals
echo "start: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf user=pages:50 >/dev/null 2>&1; echo "lguest status $?"
echo "plain: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf pfgate=0 user=pages:50 >/dev/null 2>&1; echo "lguest status $?"
echo "spoilt: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	[ "$(grep -c '^lguest status 0' "$log")" -eq 2 ] || { echo "a guest failed"; return; }
	a=$(value start) b=$(value plain) c=$(value spoilt)
	[ -n "$a" ] && [ -n "$c" ] || { echo "no parameter fast_refusals"; return; }
	[ $((b - a)) -eq 0 ] || { echo "a plain guest added $((b - a)) refusals"; return; }
	[ $((c - b)) -ge 1 ] || echo "pfgate=0 added no refusal"
}
