/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* bench.h: the kernel's half of the benchmark programs. */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H

#include <stdint.h>

uint32_t bench_call(uint32_t *dir, uint32_t op, uint32_t a, uint32_t b);

#endif /* GUEST_BENCH_H */
