# 3.2 The first sector: diskpeek on a disk that begins "lguest disk!".
limit=10
in_host() { cat <<'END'
dd if=/dev/zero of=/tmp/peek bs=1024 count=64 2>/dev/null
printf 'lguest disk!' | dd of=/tmp/peek conv=notrunc 2>/dev/null
lguest -d /tmp/peek /lib/guest.elf diskpeek; echo "lguest status $?"
END
}
judge() {
	printed "^Guest: sector 0: 6c 67 75 65 73 74 20 64 69 73 6b 21 00 00 00 00\$" "^lguest status 0"
}
