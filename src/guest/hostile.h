/* SPDX-License-Identifier: GPL-2.0 */
/* hostile.h: test modes of a guest kernel that attacks the Host. */
#ifndef GUEST_HOSTILE_H
#define GUEST_HOSTILE_H

#include <stdint.h>

void execute_privileged(uint32_t n);
void swap_gate_segment(uint32_t n);
void swap_stack_segment(uint32_t spoil);
void shrink_code_under_eip(void);
void leave_words_for_next_guest(void);
void peek_at_switcher(void);
void lie_about_memory(uint32_t how);
void spoil_fault_stack(uint32_t how);
void spoil_fault_gate(uint32_t how);

#endif /* GUEST_HOSTILE_H */
