#!/bin/sh
# launcher.sh: the Launcher refuses bad options and bad guest files, with
# the right message and exit status, before it ever opens /dev/lguest.
# Runs on the build machine (no QEMU); run from the top of the tree.
set -u
build=${BUILD:-build}
lguest=$build/lguest
inputs=tests/launcher
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# check STATUS MESSAGE COMMAND...: run COMMAND, which must exit with
# STATUS and print exactly MESSAGE on stderr; else set $why and fail.
check() {
	want_status=$1 want_err=$2
	shift 2
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	status=$?
	err=$(cat "$tmp/stderr")
	if [ "$status" -ne "$want_status" ]; then
		why="exit status $status, expected $want_status (stderr: $err)"
		return 1
	fi
	if [ "$err" != "$want_err" ]; then
		why="stderr '$err', expected '$want_err'"
		return 1
	fi
}

# result NAME COMMAND...: print one line for the test NAME.
result() {
	name=$1
	shift
	why=
	if "$@"; then
		echo "ok $name"
	else
		echo "FAIL $name: $why"
	fi
}

# u32 FILE OFFSET: the little-endian 32-bit word at OFFSET, in decimal.
u32() {
	od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '
}

# hex N: N in the Launcher's hexadecimal style.
hex() {
	printf '0x%x' "$1"
}

# link_tiny OUT TEXT: link the tiny kernel as one segment at address TEXT.
link_tiny() {
	gcc -m32 -nostdlib -static -no-pie -fno-pic \
		-fno-asynchronous-unwind-tables -Wl,--build-id=none \
		-Wl,-N -Wl,-Ttext="$2" -o "$1" "$inputs/tiny.c" \
		>"$tmp/gcc.log" 2>&1 ||
		{ why="cannot build $1: $(cat "$tmp/gcc.log")"; return 1; }
}

# The first program header is the tiny kernel's one loadable segment.
phdr() {
	echo $(($(u32 "$1" 28) + $2))
}

missing_file() {
	check 1 "lguest: $tmp/missing.elf: No such file or directory" \
		"$lguest" "$tmp/missing.elf"
}

non_elf() {
	check 1 "lguest: $inputs/not-elf.txt: not an ELF file" \
		"$lguest" "$inputs/not-elf.txt"
}

elf_64bit() {
	gcc -m64 -c -o "$tmp/tiny64.o" "$inputs/tiny.c" 2>"$tmp/gcc.log" ||
		{ why="cannot build a 64-bit object: $(cat "$tmp/gcc.log")"; return 1; }
	check 1 "lguest: $tmp/tiny64.o: a 64-bit ELF file; the guest must be a 32-bit i386 kernel" \
		"$lguest" "$tmp/tiny64.o"
}

# 32 MiB of memory, less the boot page, eight page tables and the
# directory, leaves the kernel 0x1ff6000 bytes.
segment_outside_memory() {
	f=$tmp/far.elf
	link_tiny "$f" 0x7f000000 || return 1
	memsz=$(hex "$(u32 "$f" "$(phdr "$f" 20)")")
	check 1 "lguest: $f: segment 0 outside guest memory (p_paddr 0x7f000000, p_memsz $memsz, limit 0x1ff6000)" \
		"$lguest" "$f"
}

# put32 FILE OFFSET VALUE: overwrite a little-endian 32-bit word.
put32() {
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($3 & 255)) \
		$(($3 >> 8 & 255)) $(($3 >> 16 & 255)) $(($3 >> 24 & 255)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# A segment at 0xffffff00, 0x200 bytes long, ends at 0x100 if the check
# adds without care.
segment_wrapping_around() {
	f=$tmp/wrap.elf
	link_tiny "$f" 0x100000 || return 1
	put32 "$f" "$(phdr "$f" 12)" $((0xffffff00))
	put32 "$f" "$(phdr "$f" 20)" $((0x200))
	check 1 "lguest: $f: segment 0 outside guest memory (p_paddr 0xffffff00, p_memsz 0x200, limit 0x1ff6000)" \
		"$lguest" "$f"
}

# Cut once inside the program headers, and once inside the segment.
truncated_elf() {
	link_tiny "$tmp/good.elf" 0x100000 || return 1
	phnum=$(od -An -tu2 -j44 -N2 "$tmp/good.elf" | tr -d ' ')
	head -c 60 "$tmp/good.elf" >"$tmp/cut-headers.elf"
	check 1 "lguest: $tmp/cut-headers.elf: program headers outside the file (e_phoff 0x34, e_phnum $(hex "$phnum"))" \
		"$lguest" "$tmp/cut-headers.elf" || return 1
	offset=$(u32 "$tmp/good.elf" "$(phdr "$tmp/good.elf" 4)")
	filesz=$(u32 "$tmp/good.elf" "$(phdr "$tmp/good.elf" 16)")
	head -c $((offset + 1)) "$tmp/good.elf" >"$tmp/cut-segment.elf"
	check 1 "lguest: $tmp/cut-segment.elf: segment 0 outside the file (p_offset $(hex "$offset"), p_filesz $(hex "$filesz"))" \
		"$lguest" "$tmp/cut-segment.elf"
}

bad_memory_option() {
	link_tiny "$tmp/good.elf" 0x100000 || return 1
	for size in 0 3 5000 1025 abc 12abc ''; do
		check 1 "lguest: memory size '$size' is not a number of MiB from 4 to 1024" \
			"$lguest" -m "$size" "$tmp/good.elf" || return 1
	done
	check 1 "lguest: memory size 'abc' is not a number of MiB from 4 to 1024" \
		"$lguest" --memory=abc "$tmp/good.elf"
}

# getopt explains the option; the Launcher adds where to look for help.
unknown_option() {
	check 1 "lguest: unrecognized option '--frob'
lguest: try 'lguest --help'" "$lguest" --frob "$inputs/not-elf.txt"
}

help() {
	check 0 "" "$lguest" --help || return 1
	for line in "0  the guest shut down with status 0" \
		"1  the Launcher failed" \
		"2  the guest shut down with a non-zero status" \
		"3  the Host killed the guest"; do
		grep -q "^  $line" "$tmp/stdout" ||
			{ why="usage does not say '$line'"; return 1; }
	done
}

# A good kernel passes every check and gets as far as the device, which
# the build machine does not have.  (With a real Host it would run.)
accepts_valid_elf() {
	if [ -e /dev/lguest ]; then
		why="/dev/lguest exists here: run this test without lg.ko"
		return 1
	fi
	link_tiny "$tmp/good.elf" 0x100000 || return 1
	check 1 "lguest: /dev/lguest: No such file or directory (is lg.ko loaded?)" \
		"$lguest" -m 4 "$tmp/good.elf" some guest arguments
}

result launcher_rejects_missing_file missing_file
result launcher_rejects_non_elf non_elf
result launcher_rejects_64bit_elf elf_64bit
result launcher_rejects_segment_outside_memory segment_outside_memory
result launcher_rejects_segment_wrapping_around segment_wrapping_around
result launcher_rejects_truncated_elf truncated_elf
result launcher_rejects_bad_memory_option bad_memory_option
result launcher_rejects_unknown_option unknown_option
result launcher_help help
result launcher_accepts_valid_elf accepts_valid_elf
