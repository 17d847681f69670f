# SPDX-License-Identifier: GPL-2.0
# run.sh: what `make run` shows.
echo "run: loading lg.ko"
insmod /lib/lg.ko || exit 1
dmesg | grep '\] lg: '
ls -l /dev/lguest
echo "run: lguest /lib/guest.elf"
lguest /lib/guest.elf
echo "run: the Launcher exited with status $?"
echo "run: unloading lg.ko"
rmmod lg
