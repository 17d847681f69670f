#!/bin/sh
# build.sh: the module builds without a warning, for the kernel we boot.
set -u
build=${BUILD:-build}
log=$build/tests/build.log

if make --no-print-directory "$build/initramfs.cpio.gz" >"$log" 2>&1; then
	echo "ok build_module_and_initramfs"
else
	echo "FAIL build_module_and_initramfs: see $log"
	exit 0
fi

# A fresh build in a scratch directory, so that the compiler really runs.
scratch=$build/tests/module-rebuild
rm -rf "$scratch"
mkdir -p "$scratch"
cp src/host/* src/include/lguest.h "$scratch/"
if make -C "$build/kernel/headers" M="$(pwd)/$scratch" modules \
	>"$scratch.log" 2>&1 && ! grep -qi 'warning' "$scratch.log"; then
	echo "ok build_module_no_warnings"
else
	echo "FAIL build_module_no_warnings: see $scratch.log"
fi

release=$(basename "$(readlink "$build/kernel/vmlinuz")" | sed 's/^vmlinuz-//')
vermagic=$(modinfo -F vermagic "$build/lg.ko")
case $vermagic in
"$release "*) echo "ok build_module_vermagic" ;;
*) echo "FAIL build_module_vermagic: '$vermagic' is not for $release" ;;
esac
