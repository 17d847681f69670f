# 3.1 How big is the disk: disksize with a 4 MiB disk, a 1 MiB one, none.
limit=15
in_host() { cat <<'END'
dd if=/dev/zero of=/tmp/d4 bs=1024 count=4096 2>/dev/null
dd if=/dev/zero of=/tmp/d1 bs=1024 count=1024 2>/dev/null
lguest -d /tmp/d4 /lib/guest.elf disksize; echo "lguest status $?"
lguest -d /tmp/d1 /lib/guest.elf disksize; echo "lguest status $?"
lguest /lib/guest.elf disksize; echo "lguest status $?"
END
}
judge() {
	printed "^Guest: disk of 8192 sectors" "^Guest: disk of 2048 sectors" \
		"^Guest: no disk" || return
	[ "$(grep -c '^lguest status 0' "$log")" -eq 3 ] || echo "a guest did not exit with status 0"
}
