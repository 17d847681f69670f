# 4.2 How much the guest said: lguest -v counts the console's bytes.
limit=10
in_host() { cat <<'END'
lguest -v /lib/guest.elf user=hello,hello >/tmp/out 2>/tmp/err; echo "lguest status $?"
cat /tmp/err
echo "stdout bytes: $(wc -c </tmp/out)"
lguest /lib/guest.elf >/tmp/out 2>/tmp/err; echo "lguest status $?"
echo "quiet: $(grep -c 'bytes of console output' /tmp/err)"
END
}
judge() {
	printed "^lguest: [0-9]* bytes of console output" || return
	[ "$(grep -c '^lguest status 0' "$log")" -eq 2 ] || { echo "a guest did not exit with status 0"; return; }
	n=$(sed -n 's/^lguest: \([0-9]*\) bytes of console output.*/\1/p' "$log")
	[ "$n" = "$(value 'stdout bytes')" ] || { echo "it says $n bytes, but it wrote $(value 'stdout bytes')"; return; }
	[ "$(value quiet)" = 0 ] || echo "without -v, it still prints the count"
}
