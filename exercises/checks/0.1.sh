# 0.1 A mode of your own: /lg/info.sh in the initramfs, and make info.
limit=10
in_host() { echo 'sh /lg/info.sh'; }
judge() {
	printed "^info: kernel 6\.1\.[0-9]*-[0-9]*-686, processors 1\$" &&
	{ make -n info >/dev/null 2>&1 || echo "make info: no such target"; }
}
