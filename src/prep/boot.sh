#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/0-preparation.nw; edit the chapter, not this file.
# boot.sh: boot the host kernel in QEMU, serial console on stdio.
# Usage: boot.sh [-s CPUS] [-c CPU] [-m MODE] [-i] [-q MONITOR-SOCKET] INITRAMFS...
set -eu
build=${BUILD:-build}
cpus=1 cpu=qemu32 mode=run icount= monitor=
while getopts s:c:m:iq: opt; do
	case $opt in
	s) cpus=$OPTARG ;;
	c) cpu=$OPTARG ;;
	m) mode=$OPTARG ;;
	i) icount="-icount shift=0" ;;
	q) monitor="-monitor unix:$OPTARG,server=on,wait=off" ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))

# chapters/0-preparation.nw, Booting: <<Lay the initramfs archives end to end>>
initrd=$(mktemp "$build/initrd.XXXXXX")
trap 'rm -f "$initrd"' EXIT
cat "$@" >"$initrd"
qemu-system-i386 -accel tcg -cpu "$cpu" -smp "$cpus" -m 256 $icount \
	-nographic -no-reboot -nic none $monitor \
	-kernel "$build/kernel/vmlinuz" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 quiet lgmode=$mode"
