# 2.3 How many were killed: run_processes says how many it killed.
limit=15
in_host() { cat <<'END'
lguest /lib/guest.elf user=snoop:0,hello,snoop:1 2>&1 | sed -n 's/^Guest: processes done:/three:/p'
lguest /lib/guest.elf user=hello 2>&1 | sed -n 's/^Guest: processes done:/one:/p'
lguest /lib/guest.elf user=pages:10,snoop:2 2>&1 | sed -n 's/^Guest: processes done:/mixed:/p'
END
}
judge() {
	printed "^three: [0-9]* switches, [0-9]* exits, 2 killed\$" \
		"^one: [0-9]* switches, [0-9]* exits, 0 killed\$" \
		"^mixed: [0-9]* switches, [0-9]* exits, 1 killed\$"
}
