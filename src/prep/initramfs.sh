#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/0-preparation.nw; edit the chapter, not this file.
# initramfs.sh: pack the host's initramfs.
# Usage: initramfs.sh OUTPUT BUSYBOX SOURCE=DEST...
set -eu
out=$1 busybox=$2
shift 2
stage=$out.d
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/dev" "$stage/proc" "$stage/sys" "$stage/tmp" \
	"$stage/lg"
cp "$busybox" "$stage/bin/busybox"

# chapters/0-preparation.nw, Packing the initramfs:
# <<Copy each SOURCE=DEST pair into the staging tree>>
for pair in "$@"; do
	src=${pair%%=*} dest=$stage/${pair#*=}
	mkdir -p "$(dirname "$dest")"
	cp "$src" "$dest"
done
chmod 755 "$stage/bin/busybox" "$stage/init"
(cd "$stage" && find . | sort | cpio -o -H newc --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
rm -rf "$stage"
