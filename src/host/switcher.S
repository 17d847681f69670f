/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/8-switcher.nw; edit the chapter, not this file. */
// switcher.S: the world switch, told in verse;
// assembled here, but copied before it's run.
#include <linux/linkage.h>
#include <asm/page_types.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include "offsets.h"

// A task state segment's descriptor says "busy"
// with one bit of its type, in the fifth of its eight bytes.
#define TSS_BUSY	0x2
#define TSS_TYPE_BYTE	(GDT_ENTRY_TSS * 8 + 5)

	.text
	// The copy begins here,
	.globl	start_switcher_text
start_switcher_text:

/* chapters/8-switcher.nw, Into the guest: <<Switch from the host to the guest>> */
	.globl	lguest_switch_to_guest
lguest_switch_to_guest:
	// The Host has called us, interrupts put out,
	// and %eax holds the address of this processor's pages.
	// We keep what the Host will need when we come home:
	// its frame pointer; its flags, which the guest could spoil;
	pushl	%ebp
	pushfl
	// its segment registers, which every C function trusts,
	// %fs above all, through which the kernel finds
	// its per-processor world, and guards its stacks.
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	// The stack itself can't come along; we note where it stood.
	movl	%esp, LP_HOST_SP(%eax)
	// We note where the host keeps its descriptor tables,
	// the global one and the one for interrupts,
	sgdt	LP_HOST_GDT(%eax)
	sidt	LP_HOST_IDT(%eax)
	// and the local one, which the Launcher may have made:
	// its segments would be the guest's to load, and worse,
	// the guest could build its own behind that table's address,
	// so while the guest runs there's none at all.
	sldt	LP_HOST_LDT(%eax)
	xorl	%edx, %edx
	lldt	%dx
	// Its page directory, the root of all its mappings,
	movl	%cr3, %edx
	movl	%edx, LP_HOST_CR3(%eax)
	// and the control bits in %cr4, some of which must sleep.
	movl	%cr4, %edx
	movl	%edx, LP_HOST_CR4(%eax)
	// Global pages survive a change of %cr3;
	// the host's would haunt the guest's addresses, so PGE goes dark.
	// SMAP would stop the guest's kernel (which, in ring 1,
	// the processor counts as a supervisor) from reaching its users' pages:
	// it sleeps too, until we're back.
	andl	$~(X86_CR4_PGE | X86_CR4_SMAP), %edx
	movl	%edx, %cr4
		// Now the guest's tables: a GDT the Host has checked,
		// and our own IDT, which brings every trap to us.
		lgdt	LP_GUEST_GDT(%eax)
		lidt	LP_GUEST_IDT(%eax)
		// The task register names the task state segment,
		// where the processor finds ring 0's stack when the guest is interrupted.
		// Loading it marks its descriptor busy, and a busy one won't load;
		// it was busy since our last visit, so we clear the bit, and load.
		andb	$~TSS_BUSY, (LP_GUEST_GDT_TABLE + TSS_TYPE_BYTE)(%eax)
		movl	$(GDT_ENTRY_TSS * 8), %edx
		ltr	%dx
		// We fetch the shadow page directory the Host has built,
		movl	LP_GUEST_CR3(%eax), %edx
		// and move our stack onto the guest's saved registers,
		// in the page that's mapped, the same, in either world.
		leal	LP_REGS(%eax), %esp
		// The leap: the page tables change beneath our feet,
		// and nothing of the host remains but us.
		movl	%edx, %cr3
			// We pop the guest's registers, one by one,
			popl	%eax
			popl	%ebx
			popl	%ecx
			popl	%edx
			popl	%esi
			popl	%edi
			popl	%ebp
			// then its segments, which the Host has checked will load,
			popl	%gs
			popl	%fs
			popl	%ds
			popl	%es
			// step over the trap number and the error code,
			// which only matter on the journey back,
			addl	$8, %esp
			// and "iret": the processor drops to the guest's ring,
			// takes up its stack, its flags, its instruction, and it runs.
			iret

/* chapters/8-switcher.nw, Back to the host: <<Return from the guest to the host>> */
return_to_host:
		// But first: which ring was it, that the trap came from?
		// The guest's is one or three; if the code segment saved
		// says zero, the fault was ours, in the Switcher's last steps.
		testb	$3, 12(%esp)
		jz	switcher_fault
		// And from which mode? If the flags saved say "8086",
		// the frame is longer than our registers: we can't read it.
		testl	$X86_EFLAGS_VM, 16(%esp)
		jnz	switcher_fault
	// A trap! The processor has left the guest's ring
	// for ours, switched to the stack the task state segment named---
	// the top of the guest's registers---and pushed there
	// the guest's stack, its flags, its code segment and its place;
	// a stub has added an error code, if the processor did not,
	// and the number of the trap. We push the rest:
	pushl	%es
	pushl	%ds
	pushl	%fs
	pushl	%gs
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%edx
	pushl	%ecx
	pushl	%ebx
	pushl	%eax
	// and now all the guest's registers are saved, in its page.
	restore_host:
		// Our pages begin where this stack's page does,
		// so rounding the stack pointer down finds them.
		movl	%esp, %eax
		andl	$PAGE_MASK, %eax
		// The guest's data segment might be anything it liked:
		// we load our own, for the loads that follow.
		movl	$(__KERNEL_DS), %edx
		movl	%edx, %ds
		// The host's page directory comes back first,
		// for the host's tables are only mapped in the host's world.
		movl	LP_HOST_CR3(%eax), %edx
		movl	%edx, %cr3
		// Its global descriptor table and its local one,
		lgdt	LP_HOST_GDT(%eax)
		lldt	LP_HOST_LDT(%eax)
		// and its task register: the same busy bit to clear,
		// now in the host's GDT, at the address we saved.
		movl	(LP_HOST_GDT + 2)(%eax), %edx
		andb	$~TSS_BUSY, TSS_TYPE_BYTE(%edx)
		movl	$(GDT_ENTRY_TSS * 8), %edx
		ltr	%dx
		// The global pages wake, and SMAP stands guard again.
		movl	LP_HOST_CR4(%eax), %edx
		movl	%edx, %cr4
		// We take the host's stack back, where we left it,
		movl	LP_HOST_SP(%eax), %esp
		// and only now its interrupt table: until this line
		// a stray non-maskable interrupt found our stub, and was dropped,
		// not the host's handler, on a stack too small for it.
		lidt	LP_HOST_IDT(%eax)
		// We pop its segments, its flags, its frame pointer,
		popl	%gs
		popl	%fs
		popl	%es
		popl	%ds
		popfl
		popl	%ebp
		// and return to the Host, which will read in the guest's page
		// what trap it was, and what the guest was doing.
		ret

/* chapters/8-switcher.nw, When the Switcher itself faults: <<Return from the guest to the host>> */
switcher_fault:
	// A frame we cannot read! Our own data segment first,
	// for the guest's may be loaded, and we must write:
	movl	$(__KERNEL_DS), %eax
	movl	%eax, %ds
	// our pages are where the stack is, as always;
	movl	%esp, %eax
	andl	$PAGE_MASK, %eax
	// the vector, popped, becomes the error code,
	// and the trap's number one that no vector has.
	popl	(LP_REGS + LR_ERRCODE)(%eax)
	movl	$LG_TRAP_SWITCHER, (LP_REGS + LR_TRAPNUM)(%eax)
	jmp	restore_host

/* chapters/8-switcher.nw, The stubs: <<Give every vector a stub that returns to the host>> */
	// For every vector, a stub, sixteen bytes apart,
	// so the Host can find the stub for vector n
	// at sixteen n bytes past the first.
	.p2align 4
	.globl	lguest_trap_stubs
lguest_trap_stubs:
	vector = 0
	.rept	256
	.p2align 4
		.if vector == 2
		// A non-maskable interrupt we cannot yet pass on:
		// we drop it here, and return to where it struck.
		iret
		.else
		// The processor pushes an error code for seven exceptions;
		// for all the rest, a zero keeps the frame the same.
		.if vector <> 8 && (vector < 10 || vector > 14) && vector <> 17
		pushl	$0
		.endif
		// Then the vector's number, and the road back home.
		pushl	$vector
		jmp	return_to_host
		.endif
	vector = vector + 1
	.endr
	// and ends here: the Host copies all between.
	.globl	end_switcher_text
end_switcher_text:
