# 7.3 Count the pokes: pokes around a guest that waits for three.
limit=20
in_host() { cat <<'END'
p=/sys/module/lg/parameters/pokes
echo "before: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf irqs=3 >/tmp/pokes 2>&1 &
pid=$!
n=0
until grep -q 'waiting for 3 pokes' /tmp/pokes || [ $n -gt 100 ]; do sleep 0.1; n=$((n + 1)); done
for i in 1 2 3; do kill -USR1 $pid; sleep 0.3; done
wait $pid; echo "lguest status $?"
echo "after: $(cat $p 2>/dev/null || echo none)"
END
}
judge() {
	printed "^lguest status 0" || return
	a=$(value before) b=$(value after)
	[ -n "$a" ] && [ -n "$b" ] || { echo "no parameter pokes"; return; }
	[ $((b - a)) -eq 3 ] || echo "pokes went up by $((b - a)), not by 3"
}
