#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/12-building.nw; edit the chapter, not this file.
# setup.sh: install and fetch what the book needs; safe to run again.
# Usage: setup.sh STEP...
#   (steps: tools kernel qemu typesetting plotting debug)
set -eu
build=${BUILD:-build}
mkdir -p "$build/setup"

# chapters/12-building.nw, Setting up: what the book needs, and how it gets it:
# <<Report progress and failure>>
say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# chapters/12-building.nw, Debian packages: <<Install the Debian packages that are missing>>
is_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q ' installed$'
}

lists_fresh=no
refresh_package_lists() {
	[ "$lists_fresh" = yes ] && return 0
	say "refreshing the package lists (apt-get update)"
	apt-get update >"$build/setup/update.log" 2>&1 ||
		say "warning: some package lists failed to update" \
		    "(see $build/setup/update.log); carrying on"
	lists_fresh=yes
}

apt_install() {
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "$@" >>"$build/setup/install.log" 2>&1
}

install_packages() {
	group=$1; shift
	missing=
	for p in "$@"; do
		is_installed "$p" || missing="$missing $p"
	done
	[ -n "$missing" ] || { say "$group: packages present"; return 0; }
	[ "$(id -u)" = 0 ] || die "$group: need root to install:$missing"
	refresh_package_lists
	say "$group: installing$missing"
	apt_install $missing && return 0
	for p in $missing; do
		apt_install "$p" || die "cannot install the Debian package" \
			"'$p' (see $build/setup/install.log)"
	done
}

# chapters/12-building.nw, The host kernel: <<Enable the i386 architecture>>
enable_i386() {
	dpkg --print-foreign-architectures | grep -qx i386 && return 0
	[ "$(dpkg --print-architecture)" = i386 ] && return 0
	say "adding the i386 architecture to dpkg"
	dpkg --add-architecture i386
	lists_fresh=no
	refresh_package_lists
}

# chapters/12-building.nw, The host kernel:
# <<Find the current kernel behind the flavour's metapackages>>
first_dependency() {
	apt-cache show --no-all-versions "$1" 2>/dev/null |
		sed -n 's/^Depends: //p' | tr ',' '\n' |
		sed 's/^ *//; s/[ :].*//' | grep -m1 -x "$2" || true
}

resolve_kernel() {
	[ -z "${abi:-}" ] || return 0
	enable_i386
	flavour=${FLAVOUR:-686}
	image=$(first_dependency "linux-image-$flavour:i386" 'linux-image-[0-9].*')
	if [ -z "$image" ]; then
		refresh_package_lists
		image=$(first_dependency "linux-image-$flavour:i386" \
			'linux-image-[0-9].*')
	fi
	[ -n "$image" ] || die "cannot resolve the Debian package" \
		"'linux-image-$flavour:i386' (is the i386 archive reachable?)"
	abi=${image#linux-image-}
	headers=linux-headers-$abi
	common=$(first_dependency "$headers:i386" 'linux-headers-.*-common')
	kbuild=$(first_dependency "$headers:i386" 'linux-kbuild-.*')
	[ -n "$common" ] && [ -n "$kbuild" ] ||
		die "cannot resolve the dependencies of '$headers:i386'"
}

# chapters/12-building.nw, The host kernel: <<Fetch and unpack one Debian package>>
download_deb() {	# download_deb PACKAGE: sets $deb to its .deb
	mkdir -p "$build/debs"
	(cd "$build/debs" && apt-get download -o APT::Sandbox::User=root \
		"$1" >>../setup/download.log 2>&1) ||
		die "cannot download the Debian package '$1'" \
		    "(see $build/setup/download.log)"
	deb=$(ls -t "$build/debs/${1%%:*}"_*.deb | head -n1)
}

fetch_deb() {
	download_deb "$1"
	mkdir -p "$2"
	dpkg-deb -x "$deb" "$2" || die "cannot unpack $deb"
}

# chapters/12-building.nw, The host kernel: <<Fetch the host kernel and its headers>>
fetch_kernel() {
	resolve_kernel
	root=$build/kernel/$abi
	if [ ! -e "$root/.unpacked" ]; then
		say "fetching kernel $abi"
		rm -rf "$root"
		for p in "$image:i386" "$headers:i386" "$common" \
			 "$kbuild:i386"; do
			fetch_deb "$p" "$root"
		done
		abs_root=$(cd "$root" && pwd)
		sed -i "s#/usr/src/#$abs_root/usr/src/#" "$root/usr/src/$headers/Makefile"
		find "$root" -type l -lname '/*' | while read -r link; do
			ln -sfn "$abs_root$(readlink "$link")" "$link"
		done
		touch "$root/.unpacked"
	fi
	ln -sfn "$abi/usr/src/$headers" "$build/kernel/headers"
	ln -sfn "$abi/boot/vmlinuz-$abi" "$build/kernel/vmlinuz"
	say "kernel $abi ready"
}

# chapters/12-building.nw, The host kernel: <<Fetch busybox>>
fetch_busybox() {
	enable_i386
	if [ ! -x "$build/busybox/bin/busybox" ]; then
		say "fetching busybox"
		rm -rf "$build/busybox"
		fetch_deb busybox-static:i386 "$build/busybox"
	fi
	say "busybox ready"
}

# chapters/12-building.nw, The host kernel:
# <<Fetch the host kernel's symbols and the kernel's checker>>
fetch_debug_kernel() {
	resolve_kernel
	[ -e "$build/kernel/vmlinux-$abi" ] || {
		say "fetching the symbols of kernel $abi"
		fetch_only "$image-dbg:i386" \
			"./usr/lib/debug/boot/vmlinux-$abi" >"$build/kernel/vmlinux.tmp"
		mv "$build/kernel/vmlinux.tmp" "$build/kernel/vmlinux-$abi"
	}
	ln -sfn "vmlinux-$abi" "$build/kernel/vmlinux"
	say "kernel symbols ready"
}

# chapters/12-building.nw, The host kernel:
# <<Fetch the host kernel's symbols and the kernel's checker>>
fetch_checkpatch() {
	resolve_kernel
	dir=$build/checkpatch/scripts
	[ -e "$dir/checkpatch.pl" ] || {
		series=$(echo "$abi" | cut -d. -f1,2)
		say "fetching checkpatch.pl from linux-source-$series"
		mkdir -p "$dir"
		fetch_only "linux-source-$series" \
			"./usr/src/linux-source-$series.tar.xz" | xz -dc |
			tar -x -C "$build/checkpatch" --strip-components=1 \
			"linux-source-$series/scripts/checkpatch.pl" \
			"linux-source-$series/scripts/spelling.txt" \
			"linux-source-$series/scripts/const_structs.checkpatch"
	}
	say "checkpatch ready"
}

# chapters/12-building.nw, The host kernel:
# <<Fetch the host kernel's symbols and the kernel's checker>>
fetch_only() {
	download_deb "$1"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$2"
}

# chapters/12-building.nw, Setting up: what the book needs, and how it gets it:
# <<Run each set-up step named on the command line>>
for step in "$@"; do
	case $step in
	tools)	install_packages tools noweb gcc make ;;
	kernel)	install_packages kernel gcc-multilib kmod
		fetch_kernel ;;
	qemu)	install_packages qemu qemu-system-x86 cpio
		fetch_kernel
		fetch_busybox ;;
	typesetting)
		install_packages typesetting pandoc texlive-latex-recommended \
			texlive-latex-extra texlive-fonts-recommended lmodern \
			librsvg2-bin fonts-dejavu-core chromium poppler-utils \
			gnuplot-nox ;;
	plotting)
		install_packages plotting gnuplot-nox librsvg2-bin ;;
	debug)	install_packages debug gdb sparse cppcheck perl xz-utils
		fetch_debug_kernel
		fetch_checkpatch ;;
	*)	die "unknown set-up step '$step'" ;;
	esac
done
