// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* lib.c: memset, memcpy, strlen, strncmp, memcmp for a freestanding guest. */
#include "lib.h"

/* chapters/1-guest.nw, A freestanding program's library:
 * <<Fill and copy memory with string instructions>>
 */
void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;

	asm volatile("rep stosb"
		     : "+D" (dst), "+c" (n) : "a" (c) : "memory");
	return ret;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;

	asm volatile("rep movsb"
		     : "+D" (dst), "+S" (src), "+c" (n) : : "memory");
	return ret;
}

/* chapters/1-guest.nw, A freestanding program's library: <<Measure and compare strings>> */
size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n && *a && *a == *b; n--, a++, b++)
		;
	return n ? (unsigned char)*a - (unsigned char)*b : 0;
}

/* chapters/1-guest.nw, A freestanding program's library: <<Measure and compare strings>> */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}
