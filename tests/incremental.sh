#!/bin/sh
# incremental.sh: make rebuilds what a change touches and nothing else.
# In a copy of the tree and of the build (times kept), it changes a
# sentence of prose, then one line of a Host chunk, and reads what make
# says it does: no times are measured.
set -u
build=${BUILD:-build}
root=$(pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

for f in lg.ko lguest guest.elf tangled; do
	[ -e "$build/$f" ] || { echo "FAIL incremental: no $build/$f to start from"; exit 0; }
done
cp -a Makefile chapters src tangle "$tmp/"
mkdir "$tmp/build"
cp -a "$build/tangle" "$build/tangled" "$build/lg.ko" "$build/host" \
	"$build/lguest" "$build/guest.elf" "$build/user" "$tmp/build/"
ln -s "$root/$build/setup" "$root/$build/kernel" "$tmp/build/"
cd "$tmp" || exit 2

# builds LOG: make all, quietly, keeping what it ran.
builds() { make --no-print-directory BUILD=build all >"$1" 2>&1; }
# built LOG: the build steps in LOG.
built() { grep -E -e '-o build/(guest|lguest|user/)' -e ' modules$' "$1"; }

result() { if [ -z "$2" ]; then echo "ok $1"; else echo "FAIL $1: $2"; fi; }

builds "$tmp/0.log" || { echo "FAIL incremental: make all failed in the copy"; exit 0; }
result incremental_nothing_after_a_build "$(built "$tmp/0.log" | head -1)"

# a sentence of the Host's prose: tangled again, nothing built
sed -i '0,/^The Host is a kernel module/s//The Host is, in one word, a kernel module/' chapters/5-host.nw
builds "$tmp/1.log"
t1=$(grep -c 'tangle -p' "$tmp/1.log")
result incremental_prose_rebuilds_nothing "$([ "$t1" -ge 1 ] || echo 'not even tangled')$(built "$tmp/1.log" | head -1)"

# a line of a Host chunk: lg.ko again (by a stand-in for Kbuild, which
# only says it was asked), and not the guest, its programs or the Launcher
mkdir "$tmp/kbuild"
printf 'modules:\n\ttouch $(M)/lg.ko\n' >"$tmp/kbuild/Makefile"
sed -i 's/^MODULE_DESCRIPTION("lguest, the book: a paravirtual hypervisor");$/MODULE_DESCRIPTION("lguest, the book: a paravirtual hypervisor.");/' chapters/5-host.nw
make --no-print-directory BUILD=build KDIR="$tmp/kbuild" all >"$tmp/2.log" 2>&1 ||
	{ echo "FAIL incremental_host_chunk_rebuilds_only_the_module: make failed: $(tail -1 "$tmp/2.log")"; exit 0; }
if ! grep -q ' modules$' "$tmp/2.log"; then
	echo "FAIL incremental_host_chunk_rebuilds_only_the_module: lg.ko not rebuilt"
else
	result incremental_host_chunk_rebuilds_only_the_module \
		"$(built "$tmp/2.log" | grep -v ' modules$' | head -1)"
fi

# a rule in a chunk of the Makefile's appendix: the one make that tangles
# it reads the new Makefile again and runs the new rule (the Makefile's
# bootstrap, "The Makefile" in "How the book is built")
awk '{ print } /^<<Remove what was built>>=$/ {
	print "incremental-hello:"; print "\t@echo hello from the chapter"; print "" }' \
	chapters/12-building.nw >"$tmp/12.nw" && mv "$tmp/12.nw" chapters/12-building.nw
make --no-print-directory BUILD=build incremental-hello >"$tmp/3.log" 2>&1
if ! grep -q 'wrote Makefile' "$tmp/3.log"; then
	echo "FAIL incremental_makefile_chunk_takes_effect: the Makefile was not tangled: $(tail -1 "$tmp/3.log")"
elif ! grep -qx 'hello from the chapter' "$tmp/3.log"; then
	echo "FAIL incremental_makefile_chunk_takes_effect: the new rule did not run: $(tail -1 "$tmp/3.log")"
else
	echo "ok incremental_makefile_chunk_takes_effect"
fi
