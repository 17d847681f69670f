# 5.2 Which processor: whichcpu=1000 on a host with one processor.
limit=10
in_host() { echo 'lguest /lib/guest.elf whichcpu=1000; echo "lguest status $?"'; }
judge() {
	printed "^Guest: asked 1000 times, last on CPU 0, 0 changes" "^lguest status 0" || return
	grep -q 'LHCALL_WHICH_CPU' src/include/lguest.h || echo "no LHCALL_WHICH_CPU in the ABI"
}
