/* SPDX-License-Identifier: GPL-2.0 */
/* console.h: the guest's printf. */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* GUEST_CONSOLE_H */
