# 0.3 More memory for the host: boot.sh -M, and make run MEM=.  No boot:
# a qemu-system-i386 that prints its arguments stands in for QEMU.
limit=10
judge() {
	dir=$out/ex0.3; rm -rf "$dir"; mkdir -p "$dir/bin"
	printf '#!/bin/sh\necho "qemu: $*"\n' >"$dir/bin/qemu-system-i386"
	chmod +x "$dir/bin/qemu-system-i386"
	: >"$dir/empty.cpio"
	PATH=$dir/bin:$PATH BUILD=$build sh src/prep/boot.sh -M 512 "$dir/empty.cpio" >"$dir/big" 2>&1
	PATH=$dir/bin:$PATH BUILD=$build sh src/prep/boot.sh "$dir/empty.cpio" >"$dir/default" 2>&1
	grep -q -- '-m 512 ' "$dir/big" || { echo "boot.sh -M 512 ran: $(head -c 150 "$dir/big")"; return; }
	grep -q -- '-m 256 ' "$dir/default" || { echo "boot.sh without -M ran: $(head -c 150 "$dir/default")"; return; }
	make -n run MEM=512 2>/dev/null | grep -q 'boot\.sh.* -M 512' || echo "make -n run MEM=512 does not pass -M 512 to boot.sh"
}
