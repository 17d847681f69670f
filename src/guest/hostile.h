/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/5-host.nw; edit the chapter, not this file. */
/* hostile.h: test modes of a guest kernel that attacks the Host. */
#ifndef GUEST_HOSTILE_H
#define GUEST_HOSTILE_H

#include <stdint.h>

/* chapters/5-host.nw, Checking the guest's selectors: <<Hostile modes>> */
void swap_stack_segment(uint32_t spoil);

/* chapters/5-host.nw, Checking the guest's selectors: <<Hostile modes>> */
void shrink_code_under_eip(void);

/* chapters/7-interrupts.nw, Traps: <<Hostile modes>> */
void execute_privileged(uint32_t n);

/* chapters/7-interrupts.nw, Traps that need no Host: <<Hostile modes>> */
void swap_gate_segment(uint32_t n);

/* chapters/8-switcher.nw, What a guest can see of the Switcher's pages: <<Hostile modes>> */
void leave_words_for_next_guest(void);
void peek_at_switcher(void);

/* chapters/9-mastery.nw, A guest that tries to mislead the walker: <<Hostile modes>> */
void lie_about_memory(uint32_t how);
void spoil_fault_stack(uint32_t how);
void spoil_fault_gate(uint32_t how);
void lie_about_tables(uint32_t how);
uint32_t *kernel_page_directory(void);

#endif /* GUEST_HOSTILE_H */
