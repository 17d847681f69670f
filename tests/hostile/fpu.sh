#!/bin/sh
# fpu.sh: a guest's floating point is its own, all of it.  A host process
# (avxhold) holds a pattern in its vector registers while guests run
# beside it on the same processor: the guest (avxprobe) must see only the
# initial state in the AVX upper halves and keep its own pattern there,
# the host process must keep its pattern, and x87 and SSE state must be
# kept too (fpu).  Then two guests at once: the second must not see the
# first's pattern.  One boot with AVX (-cpu max, the Host uses xsave) and
# one without XSAVE at all (qemu32, the Host uses fxsave); one CPU each,
# so that everything shares the processor.
set -u
. tests/qemu/lib.sh

script=$out/fpu-test.sh
cat >"$script" <<'END'
echo
insmod /lib/lg.ko || echo "TEST insmod failed"
/lg/avxhold 100 >/tmp/hold 2>&1 &
hold=$!
sleep 1
lguest /lib/guest.elf avxprobe=1500 fpu=2000 >/tmp/probe 2>&1
probe=$?
kill -TERM $hold
wait $hold
held=$?
echo "=== probe"
cat /tmp/probe
echo "=== probe status $probe"
echo "=== hold"
cat /tmp/hold
echo "=== hold status $held"
if grep -q '^flags.* avx ' /proc/cpuinfo; then
	echo "=== two"
	lguest /lib/guest.elf avxprobe=2000 >/tmp/first 2>&1 &
	first=$!
	sleep 1.5
	lguest /lib/guest.elf avxprobe=2000 >/tmp/second 2>&1
	second=$?
	wait $first
	cat /tmp/first /tmp/second
	echo "=== two status $(($? + second))"
fi
rmmod lg && echo "TEST rmmod ok"
END

gcc -m32 -static -O2 -Wall -Wextra -mno-sse -mno-mmx -o "$out/avxhold" \
	tests/hostile/avxhold.c || {
	echo "FAIL host_avx_state_kept: cannot build tests/hostile/avxhold.c"
	exit 0
}
EXTRA_FILES=$out/avxhold

if boot_host fpu_max 1 max,vendor=GenuineIntel 180 "$script"; then
	log=$out/fpu_max.log
	expect host_keeps_guest_fpu_with_xsave_max "$log" \
		"lg: guests' floating point: xsave, XCR0 0x[0-9a-f]*, [0-9]* bytes" &&
	echo "ok host_keeps_guest_fpu_with_xsave_max"
	check hostile_guest_sees_no_host_avx_max "$log" probe 0 \
		'^Guest: avxprobe: upper halves of ymm0-7 stayed zero across'
	check guest_avx_state_kept_max "$log" probe 0 \
		"^Guest: avxprobe: upper halves of ymm0-7 kept the guest's pattern"
	check guest_fpu_state_kept_max "$log" probe 0 \
		'^Guest: FPU state kept across 2000 hypercalls'
	check host_avx_state_kept_max "$log" hold 0 \
		'^avxhold: ymm0-7 kept across'
	check hostile_guest_sees_no_other_guest_avx_max "$log" two 0 \
		'^Guest: avxprobe: upper halves of ymm0-7 stayed zero across'
	expect host_rmmod_after_fpu_guests_max "$log" 'TEST rmmod ok' &&
	kernel_log_clean host_fpu_guests_leave_kernel_log_clean_max "$log" &&
	echo "ok host_fpu_guests_leave_kernel_log_clean_max"
fi
if boot_host fpu_qemu32 1 qemu32 180 "$script"; then
	log=$out/fpu_qemu32.log
	expect host_keeps_guest_fpu_with_fxsave_qemu32 "$log" \
		"lg: guests' floating point: fxsave, 512 bytes" &&
	echo "ok host_keeps_guest_fpu_with_fxsave_qemu32"
	check guest_avxprobe_skips_without_avx_qemu32 "$log" probe 0 \
		'^Guest: avxprobe: no AVX here, skipped'
	check guest_fpu_state_kept_qemu32 "$log" probe 0 \
		'^Guest: FPU state kept across 2000 hypercalls'
	check host_sse_state_kept_qemu32 "$log" hold 0 \
		'^avxhold: xmm0-7 kept across'
	expect host_rmmod_after_fpu_guests_qemu32 "$log" 'TEST rmmod ok' &&
	kernel_log_clean host_fpu_guests_leave_kernel_log_clean_qemu32 "$log" &&
	echo "ok host_fpu_guests_leave_kernel_log_clean_qemu32"
fi
