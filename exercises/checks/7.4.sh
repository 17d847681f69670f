# 7.4 Count the traps delivered: traps_delivered around one page fault
# the guest's kernel takes (pagefault, fast faults off) and hcalls=1000.
limit=15
in_host() { cat <<'END'
p=/sys/module/lg/parameters/traps_delivered
echo "start: $(cat $p 2>/dev/null || echo none)"
echo 0 >/sys/module/lg/parameters/fast_faults
lguest /lib/guest.elf pagefault >/dev/null 2>&1; echo "lguest status $?"
echo 1 >/sys/module/lg/parameters/fast_faults
echo "trap: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf hcalls=1000 >/dev/null 2>&1; echo "lguest status $?"
echo "busy: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	[ "$(grep -c '^lguest status 0' "$log")" -eq 2 ] || { echo "a guest failed"; return; }
	a=$(value start) b=$(value trap) c=$(value busy)
	[ -n "$a" ] && [ -n "$c" ] || { echo "no parameter traps_delivered"; return; }
	[ $((b - a)) -ge 1 ] && [ $((b - a)) -le 4 ] || { echo "pagefault added $((b - a)), not 1 to 4"; return; }
	[ $((c - b)) -lt 4 ] || echo "hcalls=1000 added $((c - b))"
}
