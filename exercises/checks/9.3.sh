# 9.3 Why the guest stopped: page-fault exits around pages:300, fast faults on and off.
limit=30
in_host() { cat <<'END'
f=/sys/module/lg/parameters/fast_faults
lguest /lib/guest.elf whyexits user=pages:300 whyexits 2>&1 | sed -n 's/^Guest: exits for page faults:/fast:/p'
echo 0 >$f
lguest /lib/guest.elf whyexits user=pages:300 whyexits 2>&1 | sed -n 's/^Guest: exits for page faults:/slow:/p'
echo 1 >$f
END
}
judge() {
	set -- $(sed -n 's/^fast: \([0-9]*\)$/\1/p' "$log")
	[ $# -eq 2 ] || { echo "with fast faults, $# counts printed, not 2"; return; }
	[ $(($2 - $1)) -lt 100 ] || { echo "with fast faults, $(($2 - $1)) page-fault exits"; return; }
	set -- $(sed -n 's/^slow: \([0-9]*\)$/\1/p' "$log")
	[ $# -eq 2 ] || { echo "without fast faults, $# counts printed, not 2"; return; }
	[ $(($2 - $1)) -ge 300 ] || echo "without fast faults, only $(($2 - $1)) page-fault exits"
}
