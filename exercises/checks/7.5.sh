# 7.5 Traps from processes: user_traps around pages:300 and the kernel's
# own page fault (pagefault), fast faults off.
limit=30
in_host() { cat <<'END'
p=/sys/module/lg/parameters/user_traps
echo "start: $(cat $p 2>/dev/null || echo none)"
echo 0 >/sys/module/lg/parameters/fast_faults
lguest /lib/guest.elf user=pages:300 >/dev/null 2>&1; echo "lguest status $?"
echo "paged: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf pagefault >/dev/null 2>&1; echo "lguest status $?"
echo 1 >/sys/module/lg/parameters/fast_faults
echo "kernel: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	[ "$(grep -c '^lguest status 0' "$log")" -eq 2 ] || { echo "a guest failed"; return; }
	a=$(value start) b=$(value paged) c=$(value kernel)
	[ -n "$a" ] && [ -n "$c" ] || { echo "no parameter user_traps"; return; }
	[ $((b - a)) -ge 300 ] || { echo "pages:300 added $((b - a)), not 300 or more"; return; }
	[ $((c - b)) -eq 0 ] || echo "pagefault, in the guest's kernel, added $((c - b))"
}
