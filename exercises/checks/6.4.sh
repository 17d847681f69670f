# 6.4 Pages the Host holds: pages_in_use, before, during and after a guest.
limit=15
in_host() { cat <<'END'
p=/sys/module/lg/parameters/pages_in_use
echo "before: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf user=pages:50 sleep=3000 >/dev/null 2>&1 &
sleep 2
echo "during: $(cat $p 2>/dev/null || echo none)"
wait
echo "after: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	d=$(sed -n 's/^#define SHADOW_DIRS[^0-9]*\([0-9]*\).*/\1/p' src/host/lg.h)
	[ "$(value before)" = 0 ] || { echo "with no guest, pages_in_use reads '$(sed -n 's/^before: //p' "$log")'"; return; }
	n=$(value during)
	[ -n "$n" ] && [ "$n" -ge "${d:-4}" ] || { echo "while a guest runs, pages_in_use reads '$(sed -n 's/^during: //p' "$log")'"; return; }
	[ "$(value after)" = 0 ] || echo "after the guest, pages_in_use reads '$(sed -n 's/^after: //p' "$log")'"
}
