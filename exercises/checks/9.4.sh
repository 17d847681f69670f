# 9.4 NMIs from inside a guest: 100 NMIs through QEMU's monitor while a
# guest spins; guest_nmis must rise by 10 or more, and by no more than
# the host's own count.  grade sends the NMIs (nmis=), pacing itself by
# the "nmicount" lines printed here, as tests/qemu/nmi.sh does.
limit=90
nmis=100
in_host() { cat <<'END'
p=/sys/module/lg/parameters/guest_nmis
nmis() { awk '/^ *NMI:/ { print $2 }' /proc/interrupts; }
echo 0 >/proc/sys/kernel/nmi_watchdog 2>/dev/null
echo "before: $(cat $p 2>/dev/null || echo none)"
n0=$(nmis)
lguest /lib/guest.elf spin >/dev/null 2>&1 &
pid=$!
sleep 0.5
last= i=0
while [ $(($(nmis) - n0)) -lt 100 ] && [ $i -lt 5000 ]; do
	n=$(nmis)
	[ "$n" = "$last" ] || echo "nmicount $n"
	last=$n i=$((i + 1))
done
kill -INT $pid
wait $pid
echo "after: $(cat $p 2>/dev/null || echo none)"
echo "host: $(($(nmis) - n0))"
END
}
judge() {
	a=$(value before) b=$(value after) h=$(value host)
	[ -n "$a" ] && [ -n "$b" ] || { echo "no parameter guest_nmis"; return; }
	[ "${h:-0}" -ge 50 ] || { echo "only ${h:-0} NMIs reached the host: were they sent?"; return; }
	[ $((b - a)) -ge 10 ] && [ $((b - a)) -le "$h" ] ||
		echo "guest_nmis rose by $((b - a)), with $h NMIs at the host"
}
