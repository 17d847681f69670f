# 2.5 A bad system call ends the process: badcall killed, hello finishes.
limit=10
in_host() { echo 'lguest /lib/guest.elf user=badcall,hello; echo "lguest status $?"'; }
judge() {
	printed "^Guest: process [0-9]* killed: bad system call 99\$" "^hello from process" || return
	! grep -q 'badcall: still alive' "$log" || echo "badcall lived on after its bad call"
}
