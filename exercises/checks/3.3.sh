# 3.3 How long a queue the device takes: vqmax with a disk.
limit=10
in_host() { cat <<'END'
dd if=/dev/zero of=/tmp/vq bs=1024 count=64 2>/dev/null
lguest -d /tmp/vq /lib/guest.elf vqmax; echo "lguest status $?"
END
}
judge() {
	m=$(sed -n 's/^#define VIRTQ_SIZE[^0-9]*\([0-9]*\).*/\1/p' src/guest/drivers/virtio.h)
	printed "^Guest: block queue 0 takes 256 entries; the driver uses $m\$" "^lguest status 0"
}
