# bigweb.awk: a large noweb program for measuring the tools (bench.sh).
# Usage: awk -v files=F -v parts=P -f bigweb.awk >big.nw
# F files of P parts each; a part is a paragraph of prose, a function
# (indexed with @ %def) and a nested chunk it uses, about 450 bytes.
BEGIN {
	for (f = 0; f < files; f++) {
		printf "\\section{File %d}\nThe file [[src/f%d.c]] holds %d parts, in order.\n", f, f, parts
		printf "<<src/f%d.c>>=\n#include \"common.h\"\nint g%d_counter;\n", f, f
		for (p = 0; p < parts; p++)
			printf "<<file %d part %d>>\n", f, p
		printf "@ %%def g%d_counter\n\n", f
		for (p = 0; p < parts; p++) {
			printf "Part %d of file %d adds [[g%d_counter]] to its argument; the\n", p, f, f
			printf "body comes from [[<<file %d part %d body>>]], below.\n", f, p
			printf "<<file %d part %d>>=\nstatic int f%d_p%d(int x)\n{\n\tint y = x * %d;\n", f, p, f, p, p
			printf "\t<<file %d part %d body>>\n\treturn %s(y);\n}\n\n", f, p, p ? sprintf("f%d_p%d", f, p - 1) : "abs"
			printf "@ %%def f%d_p%d\n<<file %d part %d body>>=\ny += g%d_counter;\nif (y > %d)\n\ty -= 3;\n@\n", f, p, f, p, f, p
		}
	}
}
