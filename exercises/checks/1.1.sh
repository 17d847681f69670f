# 1.1 The version the guest was built for: test mode abi.
limit=10
in_host() { echo 'lguest /lib/guest.elf abi; echo "lguest status $?"'; }
judge() {
	v=$(sed -n 's/^#define LGUEST_ABI_VERSION[^0-9]*\([0-9]*\).*/\1/p' src/include/lguest.h)
	n=$(sed -n 's/^#define LHCALL_COUNT[^0-9]*\([0-9]*\).*/\1/p' src/include/lguest.h)
	printed "^Guest: ABI version $v, $n hypercalls" "^lguest status 0"
}
