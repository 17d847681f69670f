# 8.5 How big the Switcher is: switcher_size against lg.ko's symbols.
limit=5
in_host() { echo 'echo "size: $(cat /sys/module/lg/parameters/switcher_size 2>/dev/null || echo none)"'; }
judge() {
	s=$(nm "$build/lg.ko" | awk '$3 == "start_switcher_text" { s = $1 } $3 == "end_switcher_text" { e = $1 }
		END { if (s != "" && e != "") print strtonum("0x" e) - strtonum("0x" s) }')
	[ -n "$s" ] || { echo "no Switcher symbols in $build/lg.ko"; return; }
	[ "$(value size)" = "$s" ] || echo "switcher_size reads '$(sed -n 's/^size: //p' "$log")', the Switcher has $s bytes"
}
