#!/bin/sh
# guest.sh: the Launcher runs the guest under lg.ko: its banner and clean
# shutdown, traps reflected into the guest, user processes (demand
# paging, private memory, direct system calls, the shadow cache), the
# guest's timer, preemption, halting, interrupts from the Launcher, FPU
# state, interrupts forwarded, Ctrl-C, two and four guests at once,
# migration between CPUs, and rmmod after.  (The hostile acts the Host
# and the Launcher must stop run in tests/hostile/run, with outcomes
# tangled from the book.)  Two boots: one CPU with a plain processor,
# and two CPUs with SMEP, SMAP and UMIP.
set -u
. tests/qemu/lib.sh

# The guests that run alone, one line each: the test's name, the case,
# the guest's command line, the Launcher's exit status, and what must be
# printed (one or two patterns), separated by ";".
cases=$(cat <<'END'
guest_banner_and_clean_shutdown;banner;;0;^Guest: hello from ring 1;Guest: shutting down with status 0
guest_shutdown_status;exit5;exit=5;2;lguest: guest shut down with status 5
host_reflects_trap_to_guest;trap;trap;0;Guest: caught trap 6;Guest: resumed after the trap
host_reflects_page_fault_to_guest;pagefault;pagefault;0;Guest: page fault at 0x40000000;Guest: page fault handled
guest_user_programs_run_in_ring3;hello;user=hello,hello;0;^hello from process 1 in ring 3;^hello from process 2 in ring 3
guest_demand_pages_1000_pages;pages;user=pages:1000;0;^pages: 1000 pages, 0 bad, 1000 page faults
guest_processes_memory_is_private;private;user=private:20,private:20;0;^private: process 1, 20 switches, 0 words changed;^private: process 2, 20 switches, 0 words changed
guest_syscalls_cost_no_exits;syscalls;user=syscalls:100000;0;^syscalls: 100000 system calls
guest_switches_hit_shadow_cache;pingpong;user=pingpong:1000,pingpong:1000;0;^Guest: processes done: 200[0-9] switches
guest_kills_process_reading_kernel;snoop0;user=snoop:0,hello;2;^Guest: process 1 killed: page fault at 0x00100000;^hello from process 2 in ring 3
guest_kills_process_writing_kernel;snoop1;user=snoop:1;2;^Guest: process 1 killed: page fault at 0x00100000
guest_kills_process_cli;snoop2;user=snoop:2;2;^Guest: process 1 killed: trap 13 (error 0x0)
guest_kills_process_hypercall;snoop3;user=snoop:3;2;^Guest: process 1 killed: trap 13 (error 0xfa)
guest_timer_ticks_at_100_hz;timer;timer=100;0;^Guest: \(7[5-9]\|8[0-9]\|9[0-9]\|10[0-5]\) ticks in 1000 ms at 100 Hz
guest_processes_preempt_each_other;spinners;user=spinner:300,spinner:300;0;^spinner: process 1 spun 300 ms, preempted \([5-9]\|[1-9][0-9]\) times;^spinner: process 2 spun 300 ms, preempted \([5-9]\|[1-9][0-9]\) times
guest_fpu_kept_across_preemption;fpus;user=fpu:300,fpu:300;0;^fpu: process 1 kept its registers;^fpu: process 2 kept its registers
host_injects_timer_interrupts;irqcost;irqcost=2000;0;^Guest: 2000 timer interrupts in [0-9]* ms, 2000 hypercalls in
guest_disk_needs_a_disk;nodisk;diskwrite;2;^Guest: no disk
END
)

# The script each boot runs: every case prints its output between
# "=== NAME" and "=== NAME status N".
script=$out/guest-test.sh
cat >"$script" <<'END'
echo
insmod /lib/lg.ko || echo "TEST insmod failed"
run() {
	name=$1; shift
	echo "=== $name"
	lguest /lib/guest.elf "$@" 2>&1
	echo "=== $name status $?"
}
END
printf '%s\n' "$cases" | while IFS=';' read -r test case args status rest; do
	echo "run $case $args"
done >>"$script"
cat >>"$script" <<'END'
echo "=== pagesslow"
echo 0 >/sys/module/lg/parameters/fast_faults
lguest /lib/guest.elf user=pages:1000,private:20,private:20 2>&1
echo "=== pagesslow status $?"
echo 1 >/sys/module/lg/parameters/fast_faults
echo "=== shell"
printf 'echo hello there\nhelp\nfoo\nexit\n' | lguest /lib/guest.elf shell 2>&1
echo "=== shell status $?"
dd if=/dev/zero of=/tmp/disk.img bs=1024 count=4096 2>/dev/null
echo "=== diskwrite"
lguest -d /tmp/disk.img /lib/guest.elf diskwrite 2>&1
status=$?
echo "diskimage: $(dd if=/tmp/disk.img bs=512 skip=3 count=1 2>/dev/null | head -c 26)"
echo "=== diskwrite status $status"
echo "=== diskro"
lguest -r -d /tmp/disk.img /lib/guest.elf diskro 2>&1
echo "=== diskro status $?"
echo "=== diskread"
lguest -d /tmp/disk.img /lib/guest.elf diskread=16 2>&1
echo "=== diskread status $?"
echo "=== halt"
time lguest /lib/guest.elf sleep=2000 2>&1
echo "=== halt status $?"
echo "=== lineone"
lguest /lib/guest.elf irqs=5 >/tmp/irqs 2>&1 &
pid=$!
until grep -q 'waiting for 5 pokes' /tmp/irqs; do sleep 0.1; done
for i in 1 2 3 4 5; do kill -USR1 $pid; sleep 0.3; done
wait $pid
status=$?
cat /tmp/irqs
echo "=== lineone status $status"
echo "=== blocked"
lguest /lib/guest.elf blockpoke >/tmp/blocked 2>&1 &
pid=$!
until grep -q 'poke line is blocked' /tmp/blocked; do sleep 0.1; done
kill -USR1 $pid
wait $pid
status=$?
cat /tmp/blocked
echo "=== blocked status $status"
echo "=== four"
for i in 1 2 3 4; do
	lguest /lib/guest.elf user=pages:300,fpu:400,hello >/tmp/four$i 2>&1 &
done
wait
cat /tmp/four1 /tmp/four2 /tmp/four3 /tmp/four4
echo "=== four status $(grep -l 'shutting down with status 0' /tmp/four? | wc -l)"
echo "=== migrate"
lguest /lib/guest.elf user=spinner:2000,fpu:2000 >/tmp/migrate 2>&1 &
pid=$!
sleep 0.3
cpus=
for i in 1 2 3 4 5 6; do
	for mask in 1 $(($(nproc) > 1 ? 2 : 1)); do
		taskset -p $mask $pid >/dev/null
		sleep 0.1
		cpus="$cpus $(cut -d' ' -f39 /proc/$pid/stat)"
	done
done
wait $pid
status=$?
cat /tmp/migrate
echo "migrate: ran on CPUs$cpus"
echo "=== migrate status $status"
echo "=== ctrlc"
lguest /lib/guest.elf spin 2>&1 &
pid=$!
sleep 2
kill -INT $pid
sleep 1
kill -KILL $pid 2>/dev/null && echo "TEST ctrlc needed SIGKILL"
wait $pid
echo "=== ctrlc status $?"
echo "=== fpu"
/lg/fpucheck 20000 &
checker=$!
lguest /lib/guest.elf fpu=3000 2>&1
guest=$?
wait $checker
echo "=== fpu status $((guest + $?))"
echo "=== irqs"
timer_interrupts() {
	awk '/LOC:/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i; print n }' /proc/interrupts
}
jiffies() {
	awk '/^jiffies:/ { print $2; exit }' /proc/timer_list
}
n0=$(timer_interrupts); t0=$(cut -d' ' -f1 /proc/uptime); j0=$(jiffies)
lguest /lib/guest.elf spin >/dev/null 2>&1 &
pid=$!
sleep 3
kill -INT $pid
wait $pid
n1=$(timer_interrupts); t1=$(cut -d' ' -f1 /proc/uptime); j1=$(jiffies)
echo "irqs: $n0 $n1 $t0 $t1" | awk '{ printf "irqs: %d timer interrupts a second\n", ($3 - $2) / ($5 - $4) }'
echo "jiffies: $j0 $j1 $t0 $t1" | awk '{ printf "jiffies: %d a second\n", ($3 - $2) / ($5 - $4) }'
echo "=== irqs status 0"
echo "=== two"
lguest /lib/guest.elf hcalls=20000 >/tmp/one 2>&1 &
lguest /lib/guest.elf hcalls=20000 >/tmp/two 2>&1 &
wait
cat /tmp/one /tmp/two
echo "=== two status $(grep -c '20000 hypercalls done' /tmp/one /tmp/two | grep -c ':1$')"
rmmod lg && echo "TEST rmmod ok"
END

# A host program that checks its own FPU registers while a guest runs.
gcc -m32 -static -O2 -mno-sse -mno-mmx -o "$out/fpucheck" tests/qemu/fpucheck.c || {
	echo "FAIL host_keeps_fpu_state: cannot build tests/qemu/fpucheck.c"
	exit 0
}
EXTRA_FILES=$out/fpucheck

# The host's timer ticks 250 times a second on each processor (HZ=250,
# periodic).  While a guest spins, each tick arrives in the guest and
# must reach the host's handler exactly once: lost, time would stand
# still; doubled, it would run at twice the speed.  The bounds are wide
# (150 to 350) because an emulated processor starved by a busy machine
# skips ticks; doubling would show as 500.
check_interrupt_rate() {
	test=$1 log=$2 cpus=$3
	rate=$(section irqs "$log" | sed -n 's/^irqs: \([0-9]*\) timer.*/\1/p')
	if [ -n "$rate" ] && [ $((rate / cpus)) -ge 150 ] && [ $((rate / cpus)) -le 350 ]; then
		echo "ok $test"
	else
		echo "FAIL $test: ${rate:-no} timer interrupts a second on $cpus CPUs, not 250 each (log: $log)"
	fi
}

# check_ratio TEST LOG CASE SED MAX: the case printed a line from which
# SED extracts "A B", and A / B is at most MAX (a fraction, as 1/100).
check_ratio() {
	test=$1 log=$2 case=$3 expr=$4 max=$5
	pair=$(section "$case" "$log" | sed -n "$expr")
	if [ -n "$pair" ] && echo "$pair $max" | awk '{ split($3, f, "/"); exit !($1 * f[2] <= $2 * f[1]) }'; then
		echo "ok $test"
	else
		echo "FAIL $test: ${pair:-nothing} is over $max (log: $log)"
	fi
}

# A guest that sleeps two seconds in LHCALL_HALT must cost the host
# almost nothing: busybox time's user and system seconds, under 0.2.
check_halt_sleeps() {
	test=$1 log=$2
	cost=$(section halt "$log" | awk '$1 == "user" || $1 == "sys" { sub(/s$/, "", $3); t += $3 } END { print t + 0 }')
	if section halt "$log" | grep -q '^Guest: slept 20[0-9][0-9] ms' &&
	    echo "$cost" | awk '{ exit !($1 < 0.2) }'; then
		echo "ok $test"
	else
		echo "FAIL $test: a 2 s halt cost ${cost:-unknown} s of host processor time (log: $log)"
	fi
}

boot_checks() {
	suffix=$1 log=$2 cpus=$3
	check_interrupt_rate host_forwards_each_interrupt_once_$suffix "$log" "$cpus"
	check host_jiffies_advance_while_guest_spins_$suffix "$log" irqs 0 \
		'^jiffies: \(1[5-9][0-9]\|2[0-9][0-9]\|3[0-4][0-9]\) a second'
	printf '%s\n' "$cases" | while IFS=';' read -r test case args status one two; do
		check "${test}_$suffix" "$log" "$case" "$status" "$one" ${two:+"$two"}
	done
	check_ratio guest_syscall_exits_under_1_per_100_$suffix "$log" syscalls \
		's/^syscalls: \([0-9]*\) system calls, \([0-9]*\) exits$/\2 \1/p' 1/100
	check_ratio mastery_demand_zero_fault_costs_one_exit_$suffix "$log" pages \
		's/^pages: [0-9]* pages, 0 bad, \([0-9]*\) page faults, \([0-9]*\) exits$/\2 \1/p' 11/10
	check host_demand_pages_without_fast_faults_$suffix "$log" pagesslow 0 \
		'^pages: 1000 pages, 0 bad, 1000 page faults' \
		'^private: process 2, 20 switches, 0 words changed'
	check_ratio host_process_switch_costs_one_exit_$suffix "$log" pingpong \
		's/^Guest: processes done: \([0-9]*\) switches, \([0-9]*\) exits$/\2 \1/p' 3/2
	if grep -q 'Guest: still alive' "$log"; then
		echo "FAIL hostile_guest_survived_$suffix: $(grep 'Guest: still alive' "$log" | head -n 1) (log: $log)"
	fi
	check launcher_ctrl_c_ends_guest_$suffix "$log" ctrlc 130
	check host_keeps_fpu_state_$suffix "$log" fpu 0 \
		'Guest: FPU state kept across 3000 hypercalls' \
		'fpucheck: FPU state kept across 20000 rounds'
	check host_runs_two_guests_$suffix "$log" two 2
	check launcher_interrupts_arrive_exactly_once_$suffix "$log" lineone 0 \
		'^Guest: 5 pokes, then 0 more'
	check host_holds_blocked_line_until_unblocked_$suffix "$log" blocked 0 \
		'^Guest: 0 pokes while blocked' '^Guest: 1 poke after unblocking'
	check host_runs_four_guests_$suffix "$log" four 4
	check host_keeps_guest_running_across_cpus_$suffix "$log" migrate 0 \
		'^spinner: process 1 spun 2000 ms' '^fpu: process 2 kept its registers' \
		'^migrate: ran on CPUs.* 0' "^migrate: ran on CPUs.* $((cpus - 1))"
	check_halt_sleeps host_halted_guest_sleeps_$suffix "$log"
	check drivers_console_output_and_input_$suffix "$log" shell 0 \
		'^> hello there$' '^> unknown command: foo$' '^> bye$'
	check drivers_disk_write_read_back_$suffix "$log" diskwrite 0 \
		'^Guest: disk: 8 sectors written, flushed and read back' \
		'^diskimage: lguest disk test, sector 3$'
	check drivers_disk_read_only_refuses_writes_$suffix "$log" diskro 0 \
		'^Guest: disk: read-only, write refused with status 1'
	check drivers_disk_reads_16_mib_$suffix "$log" diskread 0 \
		'^Guest: disk: read 16 MiB in [0-9]* ms'
	expect host_rmmod_after_guests_$suffix "$log" 'TEST rmmod ok' &&
	kernel_log_clean host_guests_leave_kernel_log_clean_$suffix "$log" &&
	echo "ok host_guests_leave_kernel_log_clean_$suffix"
}

if boot_host guests_smp1 1 qemu32 240 "$script"; then
	boot_checks smp1 "$out/guests_smp1.log" 1
fi
if boot_host guests_smp2_max 2 max,vendor=GenuineIntel 240 "$script"; then
	boot_checks smp2_max "$out/guests_smp2_max.log" 2
fi
