# SPDX-License-Identifier: GPL-2.0
# shell.sh: what `make shell` leaves you in.
insmod /lib/lg.ko
echo "shell: lg.ko is loaded; leave the shell (exit or Ctrl-D) to power off."
setsid cttyhack sh -l
