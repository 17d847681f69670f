# 6.3 A smaller cache: three processes taking turns in four shadows, then two.
limit=40
in_host() { cat <<'END'
p=/sys/module/lg/parameters/shadow_dirs
echo "default: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf user=pingpong:300,pingpong:300,pingpong:300 2>&1 | sed -n 's/^Guest: processes done:/four:/p'
echo 2 >$p 2>/dev/null
echo "set: $(cat $p 2>/dev/null || echo none)"
lguest /lib/guest.elf user=pingpong:300,pingpong:300,pingpong:300 2>&1 | sed -n 's/^Guest: processes done:/two:/p'
echo 4 >$p 2>/dev/null
END
}
judge() {
	[ "$(value default)" = 4 ] || { echo "shadow_dirs reads '$(sed -n 's/^default: //p' "$log")', not 4"; return; }
	[ "$(value set)" = 2 ] || { echo "after writing 2, shadow_dirs reads '$(sed -n 's/^set: //p' "$log")'"; return; }
	a=$(sed -n 's/^four: [0-9]* switches, \([0-9]*\) exits.*/\1/p' "$log")
	b=$(sed -n 's/^two: [0-9]* switches, \([0-9]*\) exits.*/\1/p' "$log")
	[ -n "$a" ] && [ -n "$b" ] || { echo "a guest did not finish its processes"; return; }
	[ "$b" -gt $((2 * a)) ] || echo "two shadows cost $b exits, four $a: not more than twice"
}
