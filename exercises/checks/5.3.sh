# 5.3 An attack of your own: consolewrap must be killed, with the values.
limit=10
in_host() { echo 'lguest /lib/guest.elf consolewrap; echo "lguest status $?"'; }
judge() {
	printed "lguest: guest killed: console write of 0xffffffff bytes at 0x00001000" "^lguest status 3" || return
	! grep -q 'still alive' "$log" || echo "the guest survived"
}
