# 4.5 Lines with a prefix: lguest -p, the same lines each behind it.
limit=10
in_host() { cat <<'END'
lguest -p 'g1| ' /lib/guest.elf user=hello,hello >/tmp/with 2>/dev/null; echo "lguest status $?"
lguest /lib/guest.elf user=hello,hello >/tmp/without 2>/dev/null
echo "lines: $(wc -l </tmp/with) $(wc -l </tmp/without)"
echo "behind: $(grep -c '^g1| ' /tmp/with)"
# the numbers in the lines (times, counts) differ from run to run
sed 's/^g1| //; s/[0-9]//g' /tmp/with >/tmp/with.text
sed 's/[0-9]//g' /tmp/without >/tmp/without.text
echo "same: $(cmp -s /tmp/with.text /tmp/without.text && echo yes || echo no)"
END
}
judge() {
	printed "^lguest status 0" "^lines: " || return
	set -- $(sed -n 's/^lines: //p' "$log")
	[ "$1" -gt 2 ] && [ "$1" -eq "$2" ] || { echo "$1 lines with -p, $2 without"; return; }
	[ "$(value behind)" -eq "$1" ] || { echo "only $(value behind) of $1 lines begin with the prefix"; return; }
	printed "^same: yes" >/dev/null || echo "without the prefixes, the output is not what it was"
}
