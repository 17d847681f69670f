# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/0-preparation.nw; edit the chapter, not this file.
# run.sh: what `make run` shows.
echo "run: loading lg.ko"
insmod /lib/lg.ko || exit 1
dmesg | grep '\] lg: '
ls -l /dev/lguest

# chapters/0-preparation.nw, The host's first process: <<Show what the guest does under make run>>
echo "run: lguest /lib/guest.elf user=hello,hello"
lguest /lib/guest.elf user=hello,hello
echo "run: the Launcher exited with status $?"
echo "run: two lines typed into lguest /lib/guest.elf shell"
printf 'echo hello through the virtio console\nexit\n' |
	lguest /lib/guest.elf shell
echo "run: unloading lg.ko"
rmmod lg
