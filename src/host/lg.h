/* SPDX-License-Identifier: GPL-2.0 */
/* lg.h: what the Host's C files share with each other (not an ABI). */
#ifndef LG_H
#define LG_H

#include <linux/types.h>

/* The Switcher: one code page, then two pages for each possible CPU. */
#define SWITCHER_CODE_PAGES	1
#define SWITCHER_PAGES_PER_CPU	2

extern void *switcher_addr;
extern unsigned int switcher_page_count;
int lg_register_device(void);
void lg_unregister_device(void);

#endif /* LG_H */
