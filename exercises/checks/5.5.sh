# 5.5 How many guests: guests, with none, one, two, and none again.
limit=20
in_host() { cat <<'END'
p=/sys/module/lg/parameters/guests
echo "none: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf sleep=4000 >/dev/null 2>&1 &
a=$!
sleep 1.5
echo "one: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf sleep=2000 >/dev/null 2>&1 &
sleep 1
echo "two: $(cat $p 2>/dev/null || echo none)"
kill -KILL $a
wait
lguest /lib/guest.elf exit=3 >/dev/null 2>&1
echo "after: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	[ "$(value none)" = 0 ] || { echo "with no guest, guests reads '$(sed -n 's/^none: //p' "$log")'"; return; }
	[ "$(value one)" = 1 ] || { echo "with one guest, guests reads '$(sed -n 's/^one: //p' "$log")'"; return; }
	[ "$(value two)" = 2 ] || { echo "with two guests, guests reads '$(sed -n 's/^two: //p' "$log")'"; return; }
	[ "$(value after)" = 0 ] || echo "after they ended, guests reads '$(sed -n 's/^after: //p' "$log")'"
}
