// SPDX-License-Identifier: GPL-2.0
/* avxhold.c: a host process that holds a pattern in its vector registers,
 * checking it all the while, as guests run beside it on the same
 * processor, until SIGTERM or SECONDS seconds.  With AVX it fills all of
 * %ymm0-7, whose upper halves fxsave does not cover; without, %xmm0-7.
 * Word DD of register RR holds 0xbad0RRDD, so a guest that sees it can
 * say whose it is.  Built with -mno-sse, and calling nothing but time()
 * in the loop (no memcmp: the C library's may use these very registers). */
#include <cpuid.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define WORDS 8			/* 32-bit words in a %ymm register */

static uint32_t pattern[8][WORDS], seen[8][WORDS];
static volatile sig_atomic_t stopped;

static void stop(int sig)
{
	(void)sig;
	stopped = 1;
}

static int avx_usable(void)
{
	unsigned int eax, ebx, ecx, edx, xcr0, xcr0_high;

	if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
		return 0;
	if (!(ecx & bit_AVX) || !(ecx & bit_OSXSAVE))
		return 0;
	asm volatile("xgetbv" : "=a" (xcr0), "=d" (xcr0_high) : "c" (0));
	return (xcr0 & 6) == 6;
}

static void load_ymm(void)
{
	asm volatile("vmovdqu 0x00(%0), %%ymm0; vmovdqu 0x20(%0), %%ymm1\n\t"
		     "vmovdqu 0x40(%0), %%ymm2; vmovdqu 0x60(%0), %%ymm3\n\t"
		     "vmovdqu 0x80(%0), %%ymm4; vmovdqu 0xa0(%0), %%ymm5\n\t"
		     "vmovdqu 0xc0(%0), %%ymm6; vmovdqu 0xe0(%0), %%ymm7"
		     : : "r" (pattern) : "memory");
}

static void store_ymm(void)
{
	asm volatile("vmovdqu %%ymm0, 0x00(%0); vmovdqu %%ymm1, 0x20(%0)\n\t"
		     "vmovdqu %%ymm2, 0x40(%0); vmovdqu %%ymm3, 0x60(%0)\n\t"
		     "vmovdqu %%ymm4, 0x80(%0); vmovdqu %%ymm5, 0xa0(%0)\n\t"
		     "vmovdqu %%ymm6, 0xc0(%0); vmovdqu %%ymm7, 0xe0(%0)"
		     : : "r" (seen) : "memory");
}

/* Without AVX, only the low four words of each row are used. */
static void load_xmm(void)
{
	asm volatile("movdqu 0x00(%0), %%xmm0; movdqu 0x20(%0), %%xmm1\n\t"
		     "movdqu 0x40(%0), %%xmm2; movdqu 0x60(%0), %%xmm3\n\t"
		     "movdqu 0x80(%0), %%xmm4; movdqu 0xa0(%0), %%xmm5\n\t"
		     "movdqu 0xc0(%0), %%xmm6; movdqu 0xe0(%0), %%xmm7"
		     : : "r" (pattern) : "memory");
}

static void store_xmm(void)
{
	asm volatile("movdqu %%xmm0, 0x00(%0); movdqu %%xmm1, 0x20(%0)\n\t"
		     "movdqu %%xmm2, 0x40(%0); movdqu %%xmm3, 0x60(%0)\n\t"
		     "movdqu %%xmm4, 0x80(%0); movdqu %%xmm5, 0xa0(%0)\n\t"
		     "movdqu %%xmm6, 0xc0(%0); movdqu %%xmm7, 0xe0(%0)"
		     : : "r" (seen) : "memory");
}

/* The first register that no longer holds the pattern, or -1. */
static int changed_register(int words)
{
	int r, d;

	for (r = 0; r < 8; r++)
		for (d = 0; d < words; d++)
			if (seen[r][d] != pattern[r][d])
				return r;
	return -1;
}

int main(int argc, char *argv[])
{
	long seconds = argc > 1 ? atol(argv[1]) : 60, rounds = 0;
	int avx = avx_usable(), words = avx ? 8 : 4, r, d;
	const char *name = avx ? "ymm" : "xmm";
	time_t start;

	for (r = 0; r < 8; r++)
		for (d = 0; d < WORDS; d++)
			pattern[r][d] = 0xbad00000 | r << 8 | d;
	signal(SIGTERM, stop);
	printf("avxhold: holding the pattern in %s0-7\n", name);
	fflush(stdout);
	start = time(NULL);
	if (avx)
		load_ymm();
	else
		load_xmm();
	do {
		if (avx)
			store_ymm();
		else
			store_xmm();
		rounds++;
		r = changed_register(words);
	} while (r < 0 && !stopped && time(NULL) - start < seconds);
	if (r >= 0) {
		printf("avxhold: %s%d changed after %ld rounds:", name, r, rounds);
		for (d = 0; d < words; d++)
			printf(" %08x", seen[r][d]);
		printf("\n");
		return 1;
	}
	printf("avxhold: %s0-7 kept across %ld rounds\n", name, rounds);
	return 0;
}
