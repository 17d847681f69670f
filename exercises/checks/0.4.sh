# 0.4 The Host's own version: hostversion prints the Host's ABI version.
limit=10
in_host() { echo 'lguest /lib/guest.elf hostversion; echo "lguest status $?"'; }
judge() {
	v=$(sed -n 's/^#define LGUEST_ABI_VERSION[^0-9]*\([0-9]*\).*/\1/p' src/include/lguest.h)
	grep -q 'host_version' src/include/lguest.h || { echo "no host_version in struct lguest_data"; return; }
	printed "^Guest: the Host speaks ABI version $v\$" "^lguest status 0"
}
