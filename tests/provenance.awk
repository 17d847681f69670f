# provenance.awk: checks the comments tangle -p writes (tests/provenance.sh).
# Input files: the line map, then every chapter, then every tangled file.
function strip(s) { gsub(/\[\[|\]\]/, "", s); gsub(/\*\//, "* ", s); return s }
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function fail(why) { print "FAIL provenance: " FILENAME ":" FNR ": " why; bad++ }
# the chunk whose definition holds chapter line l of file c
function chunk_at(c, l,    k, h) {
	for (k = l; k > 0; k--) {
		h = text[c, k]
		if (h ~ /^@( |$)/) return ""
		if (h ~ /^<<.*>>=$/) { sub(/^<</, "", h); sub(/>>=$/, "", h); return strip(h) }
	}
	return ""
}
# does some definition of chunk nm in file c begin with a use of chunk inner?
function begins_with(c, nm, inner,    k, h, u) {
	for (k = 1; (c, k) in text; k++) {
		h = text[c, k]
		if (h !~ /^<<.*>>=$/) continue
		sub(/^<</, "", h); sub(/>>=$/, "", h)
		if (strip(h) != nm) continue
		u = trim(text[c, k + 1])
		if (u ~ /^<<.*>>$/) { sub(/^<</, "", u); sub(/>>$/, "", u); if (strip(u) == inner) return 1 }
	}
	return 0
}
FILENAME == mapfile { split($1, a, /:[0-9]+$/); where[$1] = $2; next }
# (a chapter's "@<<" is noweb's escape for "<<" in code, as the tools' own C has it)
FILENAME ~ /^chapters\// { t = $0; gsub(/@<</, "<<", t); text[FILENAME, FNR] = t; next }
FNR == 1 { want = ""; origin = 0; checked[FILENAME] = 1 }
FNR <= 3 && /Tangled from chapters\/[^;]*; edit the chapter, not this file\./ { origin = 1 }
FNR == 4 && !origin { fail("no \"Tangled from\" line at the top") }
# a comment, one line or two: remember the chapter and the chunk
want == "" && (/^\/\* chapters\/[^ ,:]*[,:]/ || /^# chapters\/[^ ,:]*[,:]/) {
	line = $0; sub(/^(\/\*|#) /, "", line)
	chap = line; sub(/[,:].*$/, "", chap)
	if (line ~ /<<.*>>( \*\/)?$/) { name = line; sub(/^.*: <</, "", name); sub(/>>( \*\/)?$/, "", name); want = "code" }
	else want = "name"
	next
}
want == "name" {
	name = $0; sub(/^( \*|#) <</, "", name)
	want = ($0 ~ /^ \* <<.*>>$/) ? "end" : "code"
	sub(/>>( \*\/)?$/, "", name); next
}
want == "end" && /^ \*\/$/ { want = "code"; next }
want == "code" {
	want = ""; n++
	split(where[FILENAME ":" FNR], p, ":")
	if (p[1] != chap) { fail("comment names " chap ", the map " p[1]); next }
	if (trim(text[p[1], p[2]]) != trim($0)) { fail("line " p[2] " of " chap " is not this line"); next }
	c = chunk_at(p[1], p[2])
	if (c != name && !begins_with(p[1], name, c)) fail("line " p[2] " of " chap " is in <<" chunk_at(p[1], p[2]) ">>, not <<" name ">>")
}
END {
	if (!bad) print "ok provenance_comments_name_chapter_and_chunk (" n " checked)"
}
