# 0.5 How long the host takes to boot: init's line in this boot's log.
limit=5
in_host() { echo 'true'; }
judge() {
	l=$out/exercises.log
	s=$(sed -n 's/^init: lgmode=test after \([0-9]*\)\.[0-9]* s$/\1/p' "$l" | head -n 1)
	[ -n "$s" ] || { echo "no line 'init: lgmode=test after S.SS s' in the boot's log"; return; }
	[ "$s" -lt 300 ] || echo "the boot took $s s"
}
