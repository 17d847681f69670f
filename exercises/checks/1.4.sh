# 1.4 The command line as given: cmdline, printed twice, whole.
limit=10
in_host() { echo 'lguest /lib/guest.elf cmdline hcalls=5 cmdline; echo "lguest status $?"'; }
judge() {
	printed "^Guest: command line: cmdline hcalls=5 cmdline\$" "^lguest status 0" || return
	[ "$(grep -c '^Guest: command line: cmdline hcalls=5 cmdline$' "$log")" -eq 2 ] || echo "not printed twice"
}
