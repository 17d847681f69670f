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
		// Now the guest's tables: our own IDT, which brings every trap to us,
		// and then a GDT the Host has checked. The order matters:
		// the host's IDT with our GDT would send a stray NMI
		// to the host's handler with segments the host can't load.
		lidt	LP_GUEST_IDT(%eax)
		lgdt	LP_GUEST_GDT(%eax)
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
		pop_guest_registers:
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
		// Before we leave: a page fault, perhaps, that the guest alone
		// could settle? We ask; on every "no", we carry on home.
		// Was it a page fault at all?
		cmpl	$14, LR_TRAPNUM(%esp)
		jne	restore_host
		// Did the guest's programs fault, in ring three?
		movl	LR_CS(%esp), %eax
		andl	$3, %eax
		cmpl	$3, %eax
		jne	restore_host
		// Was nothing there, in the shadow? A present page
		// that faulted is a question for the Host.
		testl	$1, LR_ERRCODE(%esp)
		jnz	restore_host
			// Our own data segment, for the guest's could be anything;
			movl	$(__KERNEL_DS), %eax
			movl	%eax, %ds
			// our pages, where the stack is, and whether the Host said yes;
			movl	%esp, %edi
			andl	$PAGE_MASK, %edi
			cmpl	$0, LP_PF_ON(%edi)
			je	restore_host
			// the address that faulted, which we keep in %ebp,
			movl	%cr2, %ebp
			// unless it's in our slot, where the guest may not go.
			movl	%ebp, %eax
			xorl	%edi, %eax
			cmpl	$(1 << 22), %eax
			jb	restore_host
		walk_start:
			// The directory entry: the top ten bits are its index.
			movl	%ebp, %eax
			shrl	$22, %eax
			movl	LP_PF_PGDIR(%edi), %edx
			movl	(%edx,%eax,4), %edx
			// Not there? Then the guest must hear of it: reflect.
			testl	$LG_PAGE_PRESENT, %edx
			jz	reflect
			// A page of four megabytes? The Host will say no to that.
			testl	$LG_PAGE_PSE, %edx
			jnz	restore_host
			// The table it names must be inside the guest's own memory,
			andl	$PAGE_MASK, %edx
			cmpl	LP_PF_MEM_SIZE(%edi), %edx
			jae	restore_host
			// and there, by the next ten bits, we find the entry.
			movl	%ebp, %eax
			shrl	$12, %eax
			andl	$1023, %eax
			addl	LP_PF_PHYS(%edi), %edx
			movl	(%edx,%eax,4), %edx
			// Present? Then the shadow merely lacks it: that's the Host's.
			testl	$LG_PAGE_PRESENT, %edx
			jnz	restore_host
		reflect:
			// Not present: we reflect. The flags the guest will see
			// carry its own interrupt flag, from its shared page.
			movl	LP_PF_DATA(%edi), %esi
			movl	LR_EFLAGS(%esp), %eax
			andl	$~X86_EFLAGS_IF, %eax
			cmpl	$0, LD_IRQ_ENABLED(%esi)
			je	1f
			orl	$X86_EFLAGS_IF, %eax
		1:	// Six words below the top of the stack for ring one
			movl	LP_TSS_SP1(%edi), %ecx
			subl	$24, %ecx
			// go the stack, the flags, the place, and the error code,
			movl	LR_SS(%esp), %edx
			movl	%edx, 20(%ecx)
			movl	LR_ESP(%esp), %edx
			movl	%edx, 16(%ecx)
			movl	%eax, 12(%ecx)
			movl	LR_CS(%esp), %edx
			movl	%edx, 8(%ecx)
			movl	LR_EIP(%esp), %edx
			movl	%edx, 4(%ecx)
			movl	LR_ERRCODE(%esp), %edx
			movl	%edx, (%ecx)
			// and where it faulted, to the page the guest shares.
			movl	%ebp, LD_CR2(%esi)
		walk_end:
			// The frame is built: we can't fail now. The guest will run
			// its handler, on its stack, with the flags a trap gate leaves,
			movl	%ecx, LR_ESP(%esp)
			movl	LP_TSS_SS1(%edi), %eax
			movl	%eax, LR_SS(%esp)
			movl	LP_PF_HANDLER_CS(%edi), %eax
			movl	%eax, LR_CS(%esp)
			movl	LP_PF_HANDLER_EIP(%edi), %eax
			movl	%eax, LR_EIP(%esp)
			andl	$~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF), LR_EFLAGS(%esp)
			// and we go back the way we came in, never having left.
			jmp	pop_guest_registers
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
		// and pop its segments, which the guest's had replaced,
		popl	%gs
		popl	%fs
		popl	%es
		popl	%ds
		// and only now its interrupt table, with all of the host back:
		// until this line a non-maskable interrupt found our stub,
		// which notes it for the Host, as Mastery tells.
		lidt	LP_HOST_IDT(%eax)
		// Then the flags, and the frame pointer,
		popfl
		popl	%ebp
		// and return to the Host, which will read in the guest's page
		// what trap it was, and what the guest was doing.
		ret

/* chapters/8-switcher.nw, When the Switcher itself faults: <<Return from the guest to the host>> */
switcher_fault:
	// A debug trap the guest's "mov to ss" held over the "int"
	// is no fault of ours: we drop it, and go on where it struck.
	cmpl	$1, (%esp)
	jne	1f
	addl	$8, %esp
	iret
1:	// A frame we cannot read! Our own data segment first,
	// for the guest's may be loaded, and we must write:
	movl	$(__KERNEL_DS), %eax
	movl	%eax, %ds
		// But if the fault was the walker's, as it read or wrote,
		// we know where: between its start and its end. We find
		// where we are, by calling the next line,
		call	1f
	1:	popl	%eax
		// and measure from there to the instruction that faulted.
		movl	8(%esp), %edx
		subl	%eax, %edx
		subl	$(walk_start - 1b), %edx
		cmpl	$(walk_end - walk_start), %edx
		jae	2f
		// The walker's! The fault it found is the Host's to see,
		// with the address that first faulted put back in %cr2.
		movl	%ebp, %cr2
		jmp	restore_host
	2:
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
			// A non-maskable interrupt has its own road, just past these.
			jmp	nmi_for_host
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

/* chapters/9-mastery.nw, Non-maskable interrupts reach the host:
 * <<Catch a non-maskable interrupt for the host>>
 */
nmi_for_host:
	// Where did the NMI strike? If the ring saved isn't ours,
	// the guest was running: it goes home as trap two.
	testb	$3, 4(%esp)
	jz	nmi_between_worlds
	pushl	$0
	pushl	$2
	jmp	return_to_host

/* chapters/9-mastery.nw, Non-maskable interrupts reach the host:
 * <<Catch a non-maskable interrupt for the host>>
 */
nmi_between_worlds:
	// The Switcher was struck, between worlds. Two registers spare,
	pushl	%eax
	pushl	%edx
	// and the table's address, from the processor itself:
	// our read-only page begins where its page begins.
	subl	$8, %esp
	sidt	(%esp)
	movl	2(%esp), %eax
	addl	$8, %esp
	andl	$PAGE_MASK, %eax
	// The guest can't write there, and nor, just now, can we:
	// for one instruction, write protection sleeps,
	movl	%cr0, %edx
	pushl	%edx
	andl	$~X86_CR0_WP, %edx
	movl	%edx, %cr0
	// while we count one more NMI for the Host to hand on.
	incl	%ss:LS_NMI_NOTED(%eax)
	popl	%edx
	movl	%edx, %cr0
	// Then all as it was, and back to where it struck.
	popl	%edx
	popl	%eax
	iret
	// and ends here: the Host copies all between.
	.globl	end_switcher_text
end_switcher_text:
