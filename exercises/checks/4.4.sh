# 4.4 How long the guest ran: lguest -t around sleep=300.
limit=15
in_host() { cat <<'END'
lguest -t /lib/guest.elf sleep=300 2>&1 >/dev/null; echo "lguest status $?"
echo "quiet: $(lguest /lib/guest.elf 2>&1 >/dev/null | grep -c 'the guest ran')"
END
}
judge() {
	printed "^lguest: the guest ran [0-9]* ms\$" "^lguest status 0" || return
	ms=$(sed -n 's/^lguest: the guest ran \([0-9]*\) ms$/\1/p' "$log")
	[ "$ms" -ge 300 ] && [ "$ms" -lt 10000 ] || { echo "a guest that slept 300 ms ran $ms ms"; return; }
	[ "$(value quiet)" = 0 ] || echo "without -t, it still prints the time"
}
