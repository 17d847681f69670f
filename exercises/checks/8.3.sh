# 8.3 Where the Switcher lives: switcher_address, inside the banner's slot.
limit=10
in_host() { cat <<'END'
echo "address: $(cat /sys/module/lg/parameters/switcher_address 2>/dev/null || echo none)"
lguest /lib/guest.elf; echo "lguest status $?"
END
}
judge() {
	printed "^address: 0x[0-9a-f]\{8\}\$" "Switcher slot 0x[0-9a-f]*" || return
	a=$(sed -n 's/^address: 0x\([0-9a-f]*\)$/\1/p' "$log")
	s=$(sed -n 's/.*Switcher slot 0x\([0-9a-f]*\).*/\1/p' "$log" | head -n 1)
	[ $((0x$a & ~0x3fffff)) -eq $((0x$s)) ] ||
		echo "the Switcher at 0x$a is not in the slot at 0x$s"
}
