# 2.1 A program of your own: user=countdown:3.
limit=10
in_host() { echo 'lguest /lib/guest.elf user=countdown:3; echo "lguest status $?"'; }
judge() {
	printed "^countdown: 3\$" "^countdown: 2\$" "^countdown: 1\$" "^countdown: 0\$" \
		"^lguest status 0" || return
	[ "$(grep -c '^countdown: ' "$log")" -eq 4 ] || echo "not exactly four countdown lines"
}
