#!/bin/sh
# native.sh: the guest kernel with its native back end boots bare on
# QEMU's microvm machine, with no hypervisor: its banner from ring 0, its
# exit status through isa-debug-exit or ACPI, traps and page faults,
# ring-3 processes, demand paging, private memory, preemption, FPU state
# and the timer; and the guest's virtio drivers against QEMU's own
# console and block devices.  Six boots; the first runs most modes in turn.
set -u
build=${BUILD:-build}
out=$build/tests
mkdir -p "$out"

if ! make --no-print-directory "$build/guest-native.elf" \
		>"$out/native-build.log" 2>&1; then
	echo "FAIL native_build: see $out/native-build.log"
	exit 0
fi

# boot NAME EXIT_DEVICE CMDLINE: boot within a time limit, keeping the
# serial output as build/tests/NAME.log and QEMU's exit status in $status.
# With the exit device, QEMU exits with the guest's status doubled, plus 1.
boot() {
	log=$out/$1.log
	device=
	[ "$2" = yes ] && device="-device isa-debug-exit,iobase=0xf4,iosize=4"
	timeout 60 qemu-system-i386 -M microvm -accel tcg -cpu max -m 64 \
		-nographic -no-reboot $device -kernel "$build/guest-native.elf" \
		-append "$3" </dev/null >"$log" 2>&1
	status=$?
	tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
}

# boot_devices NAME CMDLINE QEMU_ARGS...: boot with QEMU's virtio devices
# in our eight slots (ioapic2=off: QEMU's second I/O APIC would give it
# 24), virtio 1.x rather than legacy, the serial port in the log and
# standard input on the virtio console.
boot_devices() {
	log=$out/$1.log
	cmdline=$2
	shift 2
	timeout 60 qemu-system-i386 -M microvm,ioapic2=off -accel tcg \
		-cpu max -m 64 -display none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-global virtio-mmio.force-legacy=false -serial "file:$log" \
		-kernel "$build/guest-native.elf" -append "$cmdline" "$@" \
		>"$log.console" 2>&1
	status=$?
	tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
}

# expect NAME PATTERN...: ok if the last boot's log has every pattern.
expect() {
	name=$1
	shift
	for pattern in "$@"; do
		if ! grep -q -- "$pattern" "$log"; then
			echo "FAIL $name: '$pattern' not in $log"
			return
		fi
	done
	echo "ok $name"
}

# expect_twice NAME PATTERN: ok if two lines of the last boot's log match,
# one for each of the two processes.
expect_twice() {
	count=$(grep -c -- "$2" "$log")
	if [ "$count" -ne 2 ]; then
		echo "FAIL $1: $count lines match '$2' in $log, not 2"
		return
	fi
	echo "ok $1"
}

# expect_status NAME QEMU_STATUS GUEST_STATUS: QEMU's exit status and the
# guest's last words both say how it ended.
expect_status() {
	if [ "$status" -ne "$2" ]; then
		echo "FAIL $1: QEMU exited with $status, not $2 (log: $log)"
		return
	fi
	expect "$1" "^Guest: shutting down with status $3\$"
}

boot native-modes yes "trap pagefault user=hello,hello user=pages:200 \
user=private:20,private:20 user=spinner:300,spinner:300 \
user=fpu:300,fpu:300 timer=100"
expect_status native_banner_and_clean_shutdown 1 0
expect native_banner_ring0 '^Guest: hello from ring 0 ([0-9]* MiB'
expect native_trap_reaches_handler '^Guest: caught trap 6' \
	'^Guest: resumed after the trap'
expect native_page_fault_handled '^Guest: page fault at 0x40000000' \
	'^Guest: page fault handled'
expect native_user_programs_run_in_ring3 \
	'^hello from process 1 in ring 3' '^hello from process 2 in ring 3'
expect native_demand_pages_200_pages \
	'^pages: 200 pages, 0 bad, 200 page faults, 0 exits'
expect_twice native_processes_memory_is_private \
	'^private: process [0-9]*, 20 switches, 0 words changed'
expect_twice native_processes_preempt_each_other \
	'^spinner: process [0-9]* spun 300 ms, preempted \([5-9]\|[1-9][0-9]\) times'
expect_twice native_fpu_kept_across_preemption \
	'^fpu: process [0-9]* kept its registers'
expect native_timer_ticks_at_100_hz \
	'^Guest: \(7[5-9]\|8[0-9]\|9[0-9]\|10[0-5]\) ticks in 1000 ms at 100 Hz'

boot native-exit5 yes "exit=5"
expect_status native_shutdown_status 11 5

boot native-acpi no "exit=5"
expect_status native_shutdown_by_acpi_without_exit_device 0 5

# The drivers against QEMU's virtio console: typed lines in, answers out.
printf 'echo native hello\nfoo\nexit\n' >"$out/native-console.in"
boot_devices native-console shell \
	-device virtio-serial-device,bus=virtio-mmio-bus.0 \
	-chardev stdio,id=con0 -device virtconsole,chardev=con0 \
	<"$out/native-console.in"
expect_status native_drivers_console_shell 1 0
tr -d '\r' <"$log.console" >"$log"
expect native_drivers_console_output_and_input \
	'^> native hello$' '^> unknown command: foo$' '^> bye$'

# And against QEMU's virtio block device: a write read back and found in
# the image, a read-only disk, and how fast reads go.
disk=$out/native-disk.img
dd if=/dev/zero of="$disk" bs=1024 count=4096 2>/dev/null
drive="file=$disk,format=raw,if=none,id=d0"
blk="virtio-blk-device,drive=d0,bus=virtio-mmio-bus.1"
boot_devices native-disk "diskwrite diskread=16" -drive "$drive" \
	-device "$blk" </dev/null
expect_status native_drivers_disk_clean_shutdown 1 0
expect native_drivers_disk_write_read_back \
	'^Guest: disk: 8 sectors written, flushed and read back' \
	'^Guest: disk: read 16 MiB in [0-9]* ms'
if [ "$(dd if="$disk" bs=512 skip=3 count=1 2>/dev/null | head -c 26)" = \
		"lguest disk test, sector 3" ]; then
	echo "ok native_drivers_disk_image_holds_pattern"
else
	echo "FAIL native_drivers_disk_image_holds_pattern: sector 3 of $disk"
fi
boot_devices native-disk-ro diskro -drive "$drive,readonly=on" \
	-device "$blk" </dev/null
expect native_drivers_disk_read_only_refuses_writes \
	'^Guest: disk: read-only, write refused with status 1'
