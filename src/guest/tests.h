/* SPDX-License-Identifier: GPL-2.0 */
/* tests.h: the test modes chosen on the guest's command line. */
#ifndef GUEST_TESTS_H
#define GUEST_TESTS_H

/* Runs each word of cmdline (modifying it); returns the exit status. */
unsigned int run_tests(char *cmdline);

#endif /* GUEST_TESTS_H */
