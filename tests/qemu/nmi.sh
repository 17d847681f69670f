#!/bin/sh
# nmi.sh: non-maskable interrupts reach the host while guests run
# (Mastery, "Non-maskable interrupts reach the host").  QEMU's monitor
# sends K NMIs, each at a random moment, while guests pinned to CPU 0
# (where QEMU's NMI arrives, through LINT1) make hypercalls, halt, and
# take reflected page faults; the host must count exactly K (the perf
# watchdog, whose NMIs would count too, is turned off first), and every
# guest must finish with the right result.  (The count of "unknown
# reason" messages is printed but not checked: the kernel's log buffer
# does not keep 2,000 lines.)  First, the sysrq "l" key
# must print the NMI backtrace of both CPUs while a guest spins on the
# second.  Two CPUs, both processor models.
set -u
. tests/qemu/lib.sh
K=${NMI_COUNT:-1000}

gcc -O2 -Wall -Wextra -o "$out/nmiinject" tests/qemu/nmiinject.c || {
	echo "FAIL mastery_nmi: cannot build tests/qemu/nmiinject.c"
	exit 0
}

# The host's side.  A counter on CPU 1 prints the NMI count of CPU 0
# whenever it changes, for the injector to pace itself by.
script=$out/nmi-test.sh
cat >"$script" <<'END'
echo
insmod /lib/lg.ko || echo "TEST insmod failed"
nmis() { awk '/^ *NMI:/ { print $2 }' /proc/interrupts; }
unknown() { dmesg | grep -c 'NMI received for unknown reason'; }
echo "=== backtrace"
taskset 2 lguest /lib/guest.elf spin >/dev/null 2>&1 &
pid=$!
sleep 1
echo l >/proc/sysrq-trigger
sleep 2
kill -INT $pid
wait $pid
for cpu in 0 1; do
	echo "backtrace: cpu $cpu $(dmesg | grep -c "NMI backtrace for cpu $cpu")"
done
dmesg -c >/dev/null
echo "=== backtrace status 0"
echo "=== storm"
# The perf watchdog sends NMIs of its own (with -cpu max): only QEMU's
# are counted here.
echo 0 >/proc/sys/kernel/nmi_watchdog 2>/dev/null
sleep 1
n0=$(nmis) u0=$(unknown) rounds=0 bad=0
(
	last=
	while [ ! -e /tmp/stop ]; do
		n=$(nmis)
		[ "$n" = "$last" ] || echo "nmicount $n"
		last=$n
	done
) &
counter=$!
taskset -p 2 $counter >/dev/null
while [ $(($(nmis) - n0)) -lt NMI_K ] && [ $rounds -lt 200 ]; do
	taskset 1 lguest /lib/guest.elf hcalls=20000 2>&1 | grep -q '20000 hypercalls done' || bad=$((bad + 1))
	taskset 1 lguest /lib/guest.elf sleep=200 2>&1 | grep -q 'slept' || bad=$((bad + 1))
	taskset 1 lguest /lib/guest.elf user=randfault:$rounds 2>&1 | grep -q ', 0 bad,' || bad=$((bad + 1))
	rounds=$((rounds + 1))
done
sleep 1
touch /tmp/stop
wait $counter
echo "storm: $(($(nmis) - n0)) NMIs counted, $(($(unknown) - u0)) reported unknown, $rounds rounds, $bad guests wrong"
echo "=== storm status 0"
rmmod lg && echo "TEST rmmod ok"
END
sed -i "s/NMI_K/$K/" "$script"

for model in ${NMI_MODELS:-qemu32 max,vendor=GenuineIntel}; do
	suffix=$(echo "${model%%,*}" | tr 'A-Z-' 'a-z_')
	sock=$out/nmi-$suffix.monitor
	log=$out/nmi_$suffix.log
	rm -f "$sock" "$log"
	(
		until [ -e "$log" ]; do sleep 0.2; done
		"$out/nmiinject" "$sock" "$log" "$K" 1 >"$out/nmi-$suffix.inject" 2>&1
	) &
	injector=$!
	BOOT_OPTS="-q $sock" boot_host nmi_$suffix 2 "$model" 400 "$script"
	booted=$?
	kill $injector 2>/dev/null
	wait $injector 2>/dev/null
	[ $booted -eq 0 ] || continue
	check mastery_nmi_backtrace_shows_both_cpus_$suffix "$log" backtrace 0 \
		'^backtrace: cpu 0 [1-9]' '^backtrace: cpu 1 [1-9]'
	check mastery_nmi_each_reaches_host_once_$suffix "$log" storm 0 \
		"^storm: $K NMIs counted, [0-9]* reported unknown, [0-9]* rounds, 0 guests wrong"
	expect mastery_nmi_rmmod_$suffix "$log" 'TEST rmmod ok' &&
	kernel_log_clean mastery_nmi_host_log_clean_$suffix "$log" &&
	echo "ok mastery_nmi_host_log_clean_$suffix"
done
