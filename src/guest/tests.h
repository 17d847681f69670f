/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* tests.h: the test modes chosen on the guest's command line. */
#ifndef GUEST_TESTS_H
#define GUEST_TESTS_H

/* Runs each word of cmdline (modifying it); returns the exit status. */
unsigned int run_tests(char *cmdline);
/* Says the guest lived through a deed that should have killed it. */
void report_survival(const char *deed) __attribute__((noreturn));

#endif /* GUEST_TESTS_H */
