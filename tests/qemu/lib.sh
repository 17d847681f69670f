# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/12-building.nw; edit the chapter, not this file.
# lib.sh: boot the host in QEMU with a test script, and read its log.
# Sourced by the tests in tests/qemu/ and tests/hostile/.  Each boot has
# a time limit and keeps its serial log as build/tests/NAME.log.

build=${BUILD:-build}
out=$build/tests
mkdir -p "$out"

# chapters/12-building.nw, Booting the host for a test:
# <<Boot the host with a test script, under a time limit>>
# boot_host NAME CPUS CPU TIMEOUT SCRIPT: boot with SCRIPT as /lg/test.sh,
# and the files named in $EXTRA_FILES in /lg/ beside it; $BOOT_OPTS adds
# options of boot.sh (such as -q SOCKET for QEMU's monitor).  The script's
# output is followed by the kernel log and the taint flags.
boot_host() {
	name=$1 cpus=$2 cpu=$3 limit=$4 script=$5
	stage=$out/$name.d
	rm -rf "$stage"
	mkdir -p "$stage/lg"
	{
		cat "$script"
		echo 'echo "--- dmesg"; dmesg; echo "--- tainted $(cat /proc/sys/kernel/tainted)"'
	} >"$stage/lg/test.sh"
	for extra in ${EXTRA_FILES:-}; do
		cp "$extra" "$stage/lg/"
	done
	(cd "$stage" && find lg | cpio -o -H newc --quiet) | gzip -1 >"$stage.cpio.gz"
	rm -rf "$stage"
	log=$out/$name.log
	timeout "$limit" sh src/prep/boot.sh -s "$cpus" -c "$cpu" -m test ${BOOT_OPTS:-} \
		"$build/initramfs.cpio.gz" "$stage.cpio.gz" </dev/null >"$log" 2>&1
	status=$?
	rm -f "$stage.cpio.gz"
	tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
	if [ $status -eq 124 ]; then
		echo "FAIL $name: no power-off within ${limit}s (log: $log)"
		return 1
	fi
	grep -q '^--- tainted' "$log" || {
		echo "FAIL $name: the test script did not finish (log: $log)"
		return 1
	}
	return 0
}

# chapters/12-building.nw, Booting the host for a test: <<Tell whether a boot's log has a line>>
# expect NAME LOG PATTERN: print FAIL and return 1 unless the log has PATTERN.
expect() {
	grep -q -- "$3" "$2" && return 0
	echo "FAIL $1: '$3' not in $2"
	return 1
}

# chapters/12-building.nw, Booting the host for a test: <<Tell whether the kernel's log is clean>>
# kernel_log_clean NAME LOG: no BUG, WARNING, Oops or unexpected taint.
# Loading an unsigned, out-of-tree module taints with O (4096) and E
# (8192) and says so in two lines; nothing else may.
kernel_log_clean() {
	bad=$(sed -n '/^--- dmesg/,/^--- tainted/{/^---/d;p;}' "$2" |
		grep -E 'BUG|WARNING|Oops|taint|Call Trace|general protection' |
		grep -v -e 'loading out-of-tree module taints kernel' \
			-e 'module verification failed: signature and/or required key missing - tainting kernel')
	if [ -n "$bad" ]; then
		echo "FAIL $1: kernel log: $(echo "$bad" | head -n 1) (log: $2)"
		return 1
	fi
	tainted=$(sed -n 's/^--- tainted \([0-9]*\).*/\1/p' "$2")
	if [ $(( ${tainted:-1} & ~(4096 | 8192) )) -ne 0 ]; then
		echo "FAIL $1: kernel tainted $tainted (log: $2)"
		return 1
	fi
	return 0
}

# chapters/12-building.nw, Booting the host for a test:
# <<Check the output of one case of a test script>>
# section NAME LOG: the output of case NAME.
section() {
	sed -n "/^=== $1\$/,/^=== $1 status/p" "$2"
}

# check TEST LOG CASE STATUS PATTERN...: case CASE ended with STATUS (or
# one of a list, as 3,0) and printed every PATTERN.
check() {
	test=$1 log=$2 case=$3 status=$(echo "$4" | sed 's/,/\\|/g')
	shift 4
	text=$(section "$case" "$log")
	echo "$text" | grep -q "^=== $case status \($status\)\$" || {
		echo "FAIL $test: status is not $status: $(echo "$text" | tail -n 1) (log: $log)"
		return 1
	}
	for pattern in "$@"; do
		echo "$text" | grep -q -- "$pattern" || {
			echo "FAIL $test: '$pattern' not printed (log: $log)"
			return 1
		}
	done
	echo "ok $test"
}
