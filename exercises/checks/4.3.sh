# 4.3 A disk it cannot write: a disk on a read-only tmpfs, without -r.
limit=15
in_host() { cat <<'END'
mkdir -p /ro && mount -t tmpfs tmpfs /ro
dd if=/dev/zero of=/ro/disk bs=1024 count=64 2>/dev/null
mount -o remount,ro /ro
lguest -d /ro/disk /lib/guest.elf diskro 2>&1; echo "lguest status $?"
lguest -d /ro/nodisk /lib/guest.elf diskro 2>&1; echo "lguest status $?"
umount /ro
END
}
judge() {
	printed "^lguest: disk /ro/disk is read-only; so is the guest's" \
		"^Guest: disk: read-only, write refused" "^lguest status 0" \
		"^lguest status 1" || return
	! grep -q 'nodisk is read-only' "$log" || echo "a missing file was taken for a read-only one"
}
