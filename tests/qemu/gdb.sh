#!/bin/sh
# gdb.sh: make gdb's script against a host booted paused (make run GDB=1):
# breakpoints in the Host's do_hypercall, the Switcher's return path and the
# guest's page-fault handler are hit, and our commands print what they should.
# One boot, one gdb in batch mode, one time limit for both.
set -u
build=${BUILD:-build}
out=$build/tests
mkdir -p "$out"
log=$out/gdb.log qemu_log=$out/gdb-qemu.log
limit=120

if [ ! -e "$build/kernel/vmlinux" ]; then
	echo "FAIL debug_gdb: no $build/kernel/vmlinux (set-up step debug)"
	exit 1
fi
make -s "$build/initramfs.cpio.gz" >/dev/null || exit 1
rm -f "$build/gdb.port"
timeout "$limit" sh src/prep/boot.sh -m run -g "$build/initramfs.cpio.gz" \
	</dev/null >"$qemu_log" 2>&1 &
qemu=$!
for i in 1 2 3 4 5 6 7 8 9 10; do
	[ -s "$build/gdb.port" ] && break
	sleep 1
done
BUILD=$build timeout "$limit" gdb -q -batch -nx -x src/prep/lguest.gdb \
	-ex "target remote 127.0.0.1:$(cat "$build/gdb.port" 2>/dev/null)" \
	-x src/tests/gdb-session.gdb </dev/null >"$log" 2>&1
wait $qemu

# expect NAME PATTERN...: ok NAME if the gdb log has every PATTERN.
expect() {
	name=$1; shift
	for pattern in "$@"; do
		grep -q -- "$pattern" "$log" && continue
		echo "FAIL $name: '$pattern' not in $log"
		return 1
	done
	echo "ok $name"
}

expect debug_gdb_loads_module_and_switcher \
	"lg.ko's symbols loaded, .text at 0x" \
	"the Switcher's symbols loaded at 0x"
expect debug_gdb_breaks_in_hypercall \
	'^Breakpoint 1, do_hypercall (lg=0x' \
	'in run_guest (\|^#[0-9]  *run_guest (' \
	'^chapters/5-host.nw:[0-9]*: here \[src/host/hypercalls.c:'
expect debug_gdb_lg_commands \
	'^cpu 0: the guest last run here' \
	'^guest 1 (struct lguest \*)0x' \
	'^guest 1: [0-9]* exits' \
	'hypercall [0-9]' \
	'^  the shadow:' \
	'table entry     256: .* -> page 0x00100000'
expect debug_gdb_breaks_in_switcher_return \
	'^Breakpoint 2\.[0-9], return_to_host ()' \
	'^return_to_host in section .text of .*switcher.o'
expect debug_gdb_breaks_in_guest_page_fault \
	'^Breakpoint 3, process_trap (tf=' \
	'in trap_common () at src/guest/traps.S' \
	'vector = 0xe' \
	'^chapters/2-processes.nw:[0-9]*: here \[src/guest/process.c:'
