# 3.4 What the block device offers: blkfeatures with and without -r
# (bit 5, VIRTIO_BLK_F_RO, only with).
limit=15
in_host() { cat <<'END'
dd if=/dev/zero of=/tmp/feat bs=1024 count=64 2>/dev/null
lguest -d /tmp/feat /lib/guest.elf blkfeatures | sed 's/^Guest: block device offers/rw:/'
lguest -r -d /tmp/feat /lib/guest.elf blkfeatures | sed 's/^Guest: block device offers/ro:/'
END
}
judge() {
	printed "^rw: 0x[0-9a-f]\{8\}\$" "^ro: 0x[0-9a-f]\{8\}\$" || return
	a=$(sed -n 's/^rw: \(0x.*\)/\1/p' "$log") b=$(sed -n 's/^ro: \(0x.*\)/\1/p' "$log")
	[ $((a & 32)) -eq 0 ] || { echo "without -r the device offers $a, with VIRTIO_BLK_F_RO"; return; }
	[ $((b & 32)) -eq 32 ] || echo "with -r the device offers $b, without VIRTIO_BLK_F_RO"
}
