#!/bin/sh
# stress.sh: the Host against a hostile Launcher and against load, in one
# boot of two processors with SMEP, SMAP and UMIP.  Four phases, each
# between an insmod and an rmmod of lg.ko, each ending with the kernel
# log clean and the taint unchanged:
#   fuzz     devfuzz.c, several threads of random /dev/lguest operations;
#   forkmem  forkmem.c, a Launcher that forks and must still share its
#            memory with its guest;
#   storm    the guest's storm= mode (random hypercalls) for many seeds;
#   kill9    sixteen guests at once, killed with SIGKILL at random
#            moments, for a few rounds; no page leaked, MemFree back
#            where it was.
# STRESS_SEED chooses the seeds (default 1), so that a failure can be
# run again exactly as far as the scheduler allows.
set -u
. tests/qemu/lib.sh

seed=${STRESS_SEED:-1}
fuzz_ops=400000		# operations the fuzzer stops after (10^6 takes
fuzz_secs=${STRESS_FUZZ_SECS:-45}	# 55-105 s under TCG here) ... or seconds, if first
storm_calls=1000000	# hypercalls the storm stops after ...
storm_secs=${STRESS_STORM_SECS:-60}	# ... or seconds
rounds=3		# rounds of sixteen guests killed
memfree_slack=4096	# kB MemFree may differ by after the guests are gone

# The two hostile Launchers, static programs for the host.
for program in devfuzz forkmem; do
	gcc -m32 -static -O2 -pthread -std=gnu11 -Wall -Wextra -Werror \
		-Isrc/include -o "$out/$program" "tests/hostile/$program.c" || {
		echo "FAIL hostile_stress: cannot build tests/hostile/$program.c"
		exit 0
	}
done
EXTRA_FILES="$out/devfuzz $out/forkmem"

# The script the boot runs.  Each phase prints its output between
# "=== NAME" and "=== NAME status N", then unloads the module and prints
# the kernel log since the last phase between "--- NAME dmesg" and
# "--- NAME tainted N" (dmesg -c: each phase sees only its own).
script=$out/stress-test.sh
cat >"$script" <<END
echo
seed=$seed
fuzz_ops=$fuzz_ops fuzz_secs=$fuzz_secs
storm_calls=$storm_calls storm_secs=$storm_secs
rounds=$rounds
END
cat >>"$script" <<'END'
now() {
	cut -d. -f1 /proc/uptime
}
phase_end() {
	rmmod lg && echo "TEST $1 rmmod ok"
	echo "--- $1 dmesg"
	dmesg -c
	echo "--- $1 tainted $(cat /proc/sys/kernel/tainted)"
}

echo "=== fuzz"
insmod /lib/lg.ko || echo "TEST insmod failed"
/lg/devfuzz $seed $fuzz_ops $fuzz_secs 3 &
pid=$!
limit=$(($(now) + fuzz_secs + 30))
while kill -0 $pid 2>/dev/null && [ $(now) -lt $limit ]; do
	sleep 1
done
if kill -0 $pid 2>/dev/null; then
	echo "TEST devfuzz hung"
	for task in /proc/$pid/task/*; do
		echo "devfuzz thread ${task##*/}: $(cat $task/wchan 2>/dev/null)"
	done
	kill -9 $pid
fi
wait $pid
echo "=== fuzz status $?"
phase_end fuzz

echo "=== forkmem"
insmod /lib/lg.ko || echo "TEST insmod failed"
/lg/forkmem
echo "=== forkmem status $?"
phase_end forkmem

echo "=== storm"
insmod /lib/lg.ko || echo "TEST insmod failed"
start=$(now) runs=0 calls=0 killed=0 clean=0 runaway=0 bad=0
: >/tmp/reasons
while [ $calls -lt $storm_calls ] && [ $(($(now) - start)) -lt $storm_secs ]; do
	s=$((seed * 100000 + runs))
	timeout -s INT -k 5 10 lguest -m 8 /lib/guest.elf storm=$s \
		>/tmp/storm.out 2>/tmp/storm.err
	status=$?
	runs=$((runs + 1))
	n=$(grep -ao 'storm: [0-9]* calls' /tmp/storm.out | tail -n 1 | cut -d' ' -f2)
	calls=$((calls + ${n:-0}))
	case $status in
	3)	if grep -q '^lguest: guest killed: ' /tmp/storm.err; then
			killed=$((killed + 1))
			sed -n 's/^lguest: guest killed: //p' /tmp/storm.err |
				sed 's/0x[0-9a-f]*/X/g; s/[0-9][0-9]*/N/g' >>/tmp/reasons
		else
			bad=$((bad + 1))
		fi ;;
	0|2)	clean=$((clean + 1)) ;;
	130)	runaway=$((runaway + 1)) ;;
	*)	bad=$((bad + 1)) ;;
	esac
	if [ $status != 3 ] && [ $status != 0 ] && [ $status != 2 ]; then
		echo "storm: seed $s status $status: $(tail -n 1 /tmp/storm.err)"
	fi
done
echo "storm: $runs runs, $calls calls in $(($(now) - start)) s: killed $killed, clean exits $clean, runaways $runaway, bad $bad"
sort /tmp/reasons | uniq -c | sort -rn | sed 's/^ */storm reason: /'
echo "=== storm status $bad"
phase_end storm

echo "=== kill9"
insmod /lib/lg.ko || echo "TEST insmod failed"
memfree() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
	awk '/^MemFree:/ { print $2 }' /proc/meminfo
}
before=$(memfree)
guests=0 killed=0 finished=0 failed=0
for round in $(seq $rounds); do
	# Sixteen kill times: a quarter at once (the Launcher still
	# starting), a quarter within 0.2 s, the rest within 3 s.
	delays=$(awk -v s=$((seed * 1000 + round)) 'BEGIN { srand(s);
		for (i = 0; i < 16; i++) {
			q = i % 4; r = rand()
			printf "%.2f ", q == 0 ? 0 : q == 1 ? r * 0.2 : 0.2 + r * 2.8
		} }')
	pids=
	i=0
	for delay in $delays; do
		case $((i % 4)) in
		0) set -- spin ;;
		1) set -- user=pages:1000,spinner:100000 ;;
		2) set -- sleep=4000 ;;
		3) set -- user=fpu:100000,hello hcalls=100000000 ;;
		esac
		lguest -m 8 /lib/guest.elf "$@" >/tmp/kill9.$i 2>&1 &
		pid=$!
		pids="$pids $pid"
		if [ $delay = 0.00 ]; then
			kill -9 $pid
		else
			(sleep $delay; kill -9 $pid 2>/dev/null) &
		fi
		i=$((i + 1))
	done
	for pid in $pids; do
		wait $pid
		status=$?
		guests=$((guests + 1))
		case $status in
		137) killed=$((killed + 1)) ;;
		0) finished=$((finished + 1)) ;;
		*) failed=$((failed + 1)); echo "kill9: round $round pid $pid status $status" ;;
		esac
	done
	wait
done 2>/dev/null
after=$(memfree)
echo "kill9: $guests guests: killed $killed, finished $finished, failed $failed"
echo "kill9: MemFree $before kB before, $after kB after"
echo "=== kill9 status $failed"
phase_end kill9
END

# section NAME LOG: what phase NAME printed.
section() {
	sed -n "/^=== $1\$/,/^=== $1 status/p" "$2"
}

# phase_clean TEST LOG NAME: the module unloaded after phase NAME and the
# kernel log of the phase is clean (kernel_log_clean reads it from a file
# of its own, with the markers it knows).
phase_clean() {
	test=$1 log=$2 name=$3
	expect "$test" "$log" "^TEST $name rmmod ok" || return 1
	sed -n "/^--- $name dmesg\$/,/^--- $name tainted/p" "$log" |
		sed "s/^--- $name /--- /" >"$out/stress-$name.klog"
	grep -q '^--- tainted' "$out/stress-$name.klog" || {
		echo "FAIL $test: no kernel log after phase $name (log: $log)"
		return 1
	}
	kernel_log_clean "$test" "$out/stress-$name.klog"
}

check_fuzz() {
	test=hostile_dev_fuzzer_host_survives log=$1
	text=$(section fuzz "$log")
	summary=$(echo "$text" | grep '^devfuzz: seed ')
	if echo "$text" | grep -q '^TEST devfuzz hung'; then
		echo "FAIL $test: a system call did not come back (log: $log)"
	elif ! echo "$text" | grep -q '^=== fuzz status 0$' || [ -z "$summary" ]; then
		echo "FAIL $test: devfuzz died: $(echo "$text" | tail -n 1) (log: $log)"
	elif ! echo "$summary" | grep -q 'unexpected 0, bad children 0$'; then
		echo "FAIL $test: $summary (log: $log)"
	elif phase_clean "$test" "$log" fuzz; then
		echo "ok $test"
	fi
}

check_forkmem() {
	test=hostile_launcher_fork_keeps_guest_memory log=$1
	text=$(section forkmem "$log")
	if ! echo "$text" | grep -q '^=== forkmem status 0$'; then
		echo "FAIL $test: $(echo "$text" | grep '^forkmem: ' | head -n 1) (log: $log)"
	elif phase_clean "$test" "$log" forkmem; then
		echo "ok $test"
	fi
}

check_storm() {
	test=hostile_hypercall_storm_kills_cleanly log=$1
	text=$(section storm "$log")
	if ! echo "$text" | grep -q '^=== storm status 0$'; then
		echo "FAIL $test: $(echo "$text" | grep '^storm: ' | head -n 1) (log: $log)"
	elif ! echo "$text" | grep -q '^storm: [1-9][0-9]* runs, [1-9][0-9]* calls'; then
		echo "FAIL $test: no storm ran (log: $log)"
	elif phase_clean "$test" "$log" storm; then
		echo "ok $test"
	fi
}

check_kill9() {
	test=hostile_kill9_16_guests_rmmod_clean log=$1
	text=$(section kill9 "$log")
	mem=$(echo "$text" | sed -n 's/^kill9: MemFree \([0-9]*\) kB before, \([0-9]*\) kB after$/\1 \2/p')
	if ! echo "$text" | grep -q '^=== kill9 status 0$'; then
		echo "FAIL $test: $(echo "$text" | grep '^kill9: ' | head -n 1) (log: $log)"
	elif [ -z "$mem" ] || ! echo "$mem $memfree_slack" |
		awk '{ d = $1 - $2; exit !(d <= $3 && -d <= $3) }'; then
		echo "FAIL $test: MemFree before and after: ${mem:-unknown} kB, more than $memfree_slack kB apart (log: $log)"
	elif phase_clean "$test" "$log" kill9; then
		echo "ok $test"
	fi
}

if boot_host stress_smp2_max 2 max,vendor=GenuineIntel 240 "$script"; then
	log=$out/stress_smp2_max.log
	check_fuzz "$log"
	check_forkmem "$log"
	check_storm "$log"
	check_kill9 "$log"
	kernel_log_clean hostile_stress_leaves_kernel_log_clean "$log" &&
		echo "ok hostile_stress_leaves_kernel_log_clean"
fi
