#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/0-preparation.nw; edit the chapter, not this file.
# boot.sh: boot the host kernel in QEMU, serial console on stdio.
# Usage: boot.sh [-s CPUS] [-c CPU] [-m MODE] [-i] [-q MONITOR-SOCKET] [-g]
#                INITRAMFS...
set -eu
build=${BUILD:-build}
cpus=1 cpu=qemu32 mode=run icount= monitor= gdb=no
while getopts s:c:m:iq:g opt; do
	case $opt in
	s) cpus=$OPTARG ;;
	c) cpu=$OPTARG ;;
	m) mode=$OPTARG ;;
	i) icount="-icount shift=0" ;;
	q) monitor="-monitor unix:$OPTARG,server=on,wait=off" ;;
	g) gdb=yes ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))

# chapters/0-preparation.nw, Booting: <<Lay the initramfs archives end to end>>
initrd=$(mktemp "$build/initrd.XXXXXX")
trap 'rm -f "$initrd"' EXIT
cat "$@" >"$initrd"

# chapters/13-debugging.nw, Booting paused: <<Pause for the debugger if asked>>
stub= nokaslr=
if [ "$gdb" = yes ]; then
	port=1234
	while grep -qi ":$(printf '%04X' $port) " /proc/net/tcp /proc/net/tcp6 \
		2>/dev/null; do
		port=$((port + 1))
	done
	echo "$port" >"$build/gdb.port"
	echo "boot: paused; gdb stub on port $port (make gdb)" >&2
	stub="-S -gdb tcp:127.0.0.1:$port" nokaslr=" nokaslr"
fi
qemu-system-i386 -accel tcg -cpu "$cpu" -smp "$cpus" -m 256 $icount \
	-nographic -no-reboot -nic none $monitor $stub \
	-kernel "$build/kernel/vmlinuz" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 quiet lgmode=$mode$nokaslr"
