/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* console.h: the guest's printf. */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* GUEST_CONSOLE_H */
