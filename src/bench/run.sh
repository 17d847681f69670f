#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/9-mastery.nw; edit the chapter, not this file.
# run.sh: make bench: every benchmark natively and under lguest, counting
# instructions and then keeping time; writes build/bench/results.tsv.
# Usage: run.sh  (environment: BUILD, BENCH=a,b, BENCH_CPU, BENCH_TINY=1,
# BENCH_PASSES="icount wall", BENCH_OUT=directory, BENCH_LG=lg.ko parameters)
set -eu
build=${BUILD:-build}
out=${BENCH_OUT:-$build/bench}
cpu=${BENCH_CPU:-max}
passes=${BENCH_PASSES:-icount wall}
mkdir -p "$out"

# chapters/9-mastery.nw, Running them: make bench:
# <<The benchmarks, with the number of operations each does>>
all="syscall:100000 hypercall:20000 fault-zero:2000 pte-update:20000
switch:5000 memburn-linear:4000000 memburn-random:2000000 irq:5000
disk-read:500 disk-latency:2000 console:2000"

# chapters/9-mastery.nw, Running them: make bench:
# <<Choose the benchmarks to run, and their guest command-line words>>
wanted=$(echo "${BENCH:-}" | tr ',' ' ')
words() {	# words REPEAT: the guest's command-line words, one a line
	IFS=' 	
'	# (its caller splits what it prints at line ends only)
	for item in $all; do
		name=${item%%:*} n=${item#*:}
		[ -z "$wanted" ] || echo " $wanted " | grep -q " $name " ||
			continue
		[ -z "${BENCH_TINY:-}" ] || n=$(( n / 1000 > 0 ? n / 1000 : 1 ))
		prog=$(echo "$name" | tr - _)
		word="user=$prog:$n"
		[ "$name" != switch ] || word="$word,$prog:$n"
		[ "$name" != fault-zero ] || word="user=fault_first:$n $word"
		yes "$word" | head -n "$1"
	done
}

# chapters/9-mastery.nw, Running them: make bench:
# <<Keep a boot's output, and show each benchmark as it finishes>>
keep() {	# keep LOG: append standard input to LOG, showing progress
	tr -d '\r' | tee -a "$1" | sed -u -n -e "s/^bench \([^ ]*\) \(.*\)/  $pass $side: \1 \2/p" \
		-e "s/^.*\(failed\|killed\).*/  $pass $side: &/p"
}

# chapters/9-mastery.nw, Running them: make bench: <<Boot the native guest with one command line>>
disk=$out/disk.img
dd if=/dev/zero of="$disk" bs=1024 count=4096 2>/dev/null
boot_native() {	# boot_native ICOUNT LOG CMDLINE (ICOUNT: options, split)
	# shellcheck disable=SC2086
	timeout 600 qemu-system-i386 -M microvm,ioapic2=off -accel tcg \
		-cpu "$cpu" $1 -m 64 -display none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-global virtio-mmio.force-legacy=false -serial "file:$2.part" \
		-device virtio-serial-device,bus=virtio-mmio-bus.0 \
		-chardev file,id=con0,path=/dev/null \
		-device virtconsole,chardev=con0 \
		-drive "file=$disk,format=raw,if=none,id=d0" \
		-device virtio-blk-device,drive=d0,bus=virtio-mmio-bus.1 \
		-kernel "$build/guest-native.elf" -append "$3" </dev/null \
		>/dev/null 2>&1 || true
	keep "$2" <"$2.part"
	rm -f "$2.part"
}

# chapters/9-mastery.nw, Running them: make bench:
# <<Boot the native guest as few times as the command lines allow>>
run_native() {	# run_native ICOUNT LOG WORD...
	icount=$1 log=$2 line=
	shift 2
	for word; do
		if [ $(( ${#line} + ${#word} + 1 )) -gt 250 ]; then
			boot_native "$icount" "$log" "$line"
			line=
		fi
		line="${line:+$line }$word"
	done
	[ -z "$line" ] || boot_native "$icount" "$log" "$line"
}

# chapters/9-mastery.nw, Running them: make bench:
# <<Boot the host once and run every word under the Launcher>>
run_lguest() {	# run_lguest ICOUNT_FLAG LOG WORD...
	flag=$1 log=$2 stage=$out/stage
	shift 2
	rm -rf "$stage" && mkdir -p "$stage/lg"
	{
		echo "echo; insmod /lib/lg.ko ${BENCH_LG:-}"
		echo 'dd if=/dev/zero of=/tmp/disk.img bs=1024 count=4096 2>/dev/null'
		for word; do
			echo "lguest -m 64 -d /tmp/disk.img /lib/guest.elf $word >/tmp/out 2>&1 ||"
			echo "	echo 'lguest failed: $word'"
			echo "grep -a -e '^bench ' -e '^why ' -e 'killed' /tmp/out"
		done
	} >"$stage/lg/bench.sh"
	(cd "$stage" && find lg | cpio -o -H newc --quiet) | gzip -1 >"$stage.cpio.gz"
	# shellcheck disable=SC2086
	timeout 900 sh src/prep/boot.sh -c "$cpu" -m bench $flag \
		"$build/initramfs.cpio.gz" "$stage.cpio.gz" </dev/null |
		keep "$log" || true
	rm -rf "$stage" "$stage.cpio.gz"
}

# chapters/9-mastery.nw, Running them: make bench: <<Run both back ends in each pass>>
for pass in $passes; do
	repeat=1 icount="-icount shift=0" flag=-i
	[ "$pass" = icount ] || repeat=3 icount='' flag=''
	for side in native lguest; do
		echo "bench: $pass pass, $side"
		rm -f "$out/$side-$pass.log"
		IFS='
'
		# shellcheck disable=SC2046
		set -- $(words "$repeat")
		IFS=' 	
'
		if [ "$side" = native ]; then
			run_native "$icount" "$out/$side-$pass.log" "$@"
		else
			run_lguest "$flag" "$out/$side-$pass.log" "$@"
		fi
	done
done

# chapters/9-mastery.nw, Running them: make bench: <<Make the results file and print the table>>
logs=
for pass in $passes; do
	logs="$logs side=native pass=$pass $out/native-$pass.log"
	logs="$logs side=lguest pass=$pass $out/lguest-$pass.log"
done
qemu=$(qemu-system-i386 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain --untracked-files=no -- . \
	':!figures/bench.tsv' 2>/dev/null)" ] || commit="$commit with changes"
{
	echo "# measured on QEMU $qemu, -cpu $cpu, host ${FLAVOUR:-686}, commit $commit, $(date -u +%F)"
	# shellcheck disable=SC2086
	awk -f src/bench/results.awk src/include/lguest.h $logs
} >"$out/results.tsv"
awk -f src/bench/table.awk "$out/results.tsv"
missing=$(awk -F '\t' -v passes=" $passes " '!/^#/ &&
	((passes ~ / icount / && ($2 == "-" || $3 == "-")) ||
	 (passes ~ / wall / && ($6 == "-" || $7 == "-"))) { print $1 }' \
	"$out/results.tsv")
if [ -n "$missing" ]; then
	echo "bench: no line from $(echo "$missing" | tr '\n' ' ')(see $out/*.log)" >&2
	exit 1
fi
if [ -z "${BENCH:-}${BENCH_TINY:-}" ] && [ "$passes" = "icount wall" ] &&
   [ "${FLAVOUR:-686}" = 686 ]; then
	cp "$out/results.tsv" figures/bench.tsv
	gnuplot -e "data='figures/bench.tsv'; out='$out/bench.svg'" src/bench/plot.gp
	rsvg-convert -f pdf -o "$out/bench.pdf" "$out/bench.svg"
	echo "bench: wrote figures/bench.tsv, $out/bench.svg and $out/bench.pdf"
fi
