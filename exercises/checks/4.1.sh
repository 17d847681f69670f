# 4.1 Which version: lguest --version and -V, without /dev/lguest.
limit=10
in_host() { cat <<'END'
rmmod lg
lguest --version; echo "lguest status $?"
lguest -V; echo "lguest status $?"
insmod /lib/lg.ko
END
}
judge() {
	v=$(sed -n 's/^#define LGUEST_ABI_VERSION[^0-9]*\([0-9]*\).*/\1/p' src/include/lguest.h)
	printed "^lguest: ABI version $v\$" || return
	[ "$(grep -c "^lguest: ABI version $v\$" "$log")" -eq 2 ] || { echo "-V and --version do not both print it"; return; }
	[ "$(grep -c '^lguest status 0' "$log")" -eq 2 ] || echo "lguest --version did not exit with status 0"
}
