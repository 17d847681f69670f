#!/bin/sh
# module.sh: lg.ko loads, makes /dev/lguest, maps the Switcher and unloads
# cleanly, twice in a row, on one CPU and on two.
set -u
. tests/qemu/lib.sh

script=$out/module-test.sh
cat >"$script" <<'END'
for round in 1 2; do
	insmod /lib/lg.ko && echo "TEST insmod $round"
	[ -c /dev/lguest ] && echo "TEST device $round"
	rmmod lg && echo "TEST rmmod $round"
	[ -e /dev/lguest ] || echo "TEST device gone $round"
done
END

for cpus in 1 2; do
	name=host_module_load_unload_smp$cpus
	boot_host "$name" "$cpus" qemu32 120 "$script" || continue
	log=$out/$name.log
	expect "$name" "$log" 'TEST insmod 2' &&
	expect "$name" "$log" 'TEST device 2' &&
	expect "$name" "$log" 'TEST rmmod 2' &&
	expect "$name" "$log" 'TEST device gone 2' &&
	expect "$name" "$log" 'lg: Switcher at 0x[0-9a-f]*, [0-9]* pages' &&
	kernel_log_clean "$name" "$log" &&
	echo "ok $name"
done
