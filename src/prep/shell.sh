# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/0-preparation.nw; edit the chapter, not this file.
# shell.sh: what `make shell` leaves you in.
insmod /lib/lg.ko
dd if=/dev/zero of=/tmp/disk.img bs=1024 count=4096 2>/dev/null
echo "shell: lg.ko is loaded; leave the shell (exit or Ctrl-D) to power off."
echo "shell: try  lguest -d /tmp/disk.img /lib/guest.elf shell"
setsid cttyhack sh -l
