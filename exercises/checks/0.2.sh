# 0.2 A misspelt continuation: tangle suggests the chunk meant.  No boot:
# a web of two chunks, one used with a misspelt name.
limit=10
judge() {
	dir=$out/ex0.2; rm -rf "$dir"; mkdir -p "$dir/out"
	printf '@ A web.\n<<out/a.c>>=\n<<Say helo>>\n@\n<<Say hello>>=\nputs("hello");\n@\n' >"$dir/t.nw"
	/usr/lib/noweb/markup -t "$dir/t.nw" | "$build/tangle/tangle" -o "$dir/out" >"$dir/log" 2>&1
	grep -q 'did you mean <<Say hello>>?' "$dir/log" ||
		echo "tangle said: $(head -n 1 "$dir/log")"
}
