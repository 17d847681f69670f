// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* ulib.c: printing, for user programs. */
#include <stdarg.h>
#include "ulib.h"

static char line[160];
static uint32_t used;

static void add(char ch)
{
	if (used < sizeof(line))
		line[used++] = ch;
}

static void add_number(uint32_t n, uint32_t base)
{
	char digits[12];
	int i = 0;

	do {
		digits[i++] = "0123456789abcdef"[n % base];
		n /= base;
	} while (n);
	while (i > 0)
		add(digits[--i]);
}

void uprintf(const char *fmt, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, fmt);
	for (used = 0; *fmt; fmt++) {
		if (*fmt != '%' || !fmt[1]) {
			add(*fmt);
			continue;
		}
		switch (*++fmt) {
		case 'u': add_number(va_arg(ap, uint32_t), 10); break;
		case 'x': add_number(va_arg(ap, uint32_t), 16); break;
		case 's':
			for (s = va_arg(ap, const char *); *s; s++)
				add(*s);
			break;
		default: add(*fmt);
		}
	}
	va_end(ap);
	syscall3(SYS_WRITE, (uint32_t)line, used, 0);
}
