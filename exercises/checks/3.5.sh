# 3.5 A stamp the host can read: diskstamp, then the file read on the host.
limit=10
in_host() { cat <<'END'
dd if=/dev/zero bs=1024 count=64 2>/dev/null | tr '\0' 'x' >/tmp/stamp
lguest -d /tmp/stamp /lib/guest.elf diskstamp; echo "lguest status $?"
echo "sector 2: $(dd if=/tmp/stamp bs=512 skip=2 count=1 2>/dev/null | tr -d '\0')"
echo "sector 3: $(dd if=/tmp/stamp bs=512 skip=3 count=1 2>/dev/null | head -c 4)"
END
}
judge() {
	printed "^Guest: stamped" "^lguest status 0" "^sector 2: stamped by the guest\$" "^sector 3: xxxx\$"
}
