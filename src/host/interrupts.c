// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/7-interrupts.nw; edit the chapter, not this file. */
/* interrupts.c: the guest's virtual interrupts, its timer, and halting. */
#include <linux/hrtimer.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <asm/tsc.h>
#include "lg.h"

/* chapters/7-interrupts.nw, Raising a line: <<Wake the task running a guest, wherever it is>> */
static void kick_guest(struct lguest *lg)
{
	unsigned long flags;

	spin_lock_irqsave(&lg->task_lock, flags);
	if (lg->task) {
		wake_up_process(lg->task);
		kick_process(lg->task);
	}
	spin_unlock_irqrestore(&lg->task_lock, flags);
}

/* chapters/7-interrupts.nw, Raising a line: <<Raise one of the guest's interrupt lines>> */
void raise_guest_irq(struct lguest *lg, unsigned int line)
{
	set_bit(line, &lg->irqs_pending);
	kick_guest(lg);
}

/* chapters/7-interrupts.nw, Raising a line: <<Raise one of the guest's interrupt lines>> */
void set_guest_task(struct lguest *lg, struct task_struct *task)
{
	unsigned long flags;

	spin_lock_irqsave(&lg->task_lock, flags);
	lg->task = task;
	spin_unlock_irqrestore(&lg->task_lock, flags);
}

/* chapters/7-interrupts.nw, The timer: <<Fire the guest's timer>> */
static enum hrtimer_restart clockevent_fired(struct hrtimer *timer)
{
	struct lguest *lg = container_of(timer, struct lguest, timer);

	raise_guest_irq(lg, LGUEST_IRQ_TIMER);
	return HRTIMER_NORESTART;
}

/* chapters/7-interrupts.nw, The timer: <<Set the guest's timer>> */
void set_guest_clockevent(struct lguest *lg, u32 ns)
{
	if (ns == 0)
		hrtimer_try_to_cancel(&lg->timer);
	else
		hrtimer_start(&lg->timer, ns_to_ktime(ns), HRTIMER_MODE_REL);
}

/* chapters/7-interrupts.nw, Injecting an interrupt:
 * <<Read the guest's interrupt state from its shared page>>
 */
static u32 read_data_field(struct lguest *lg, unsigned int offset)
{
	u32 value = 0;

	if (lg->data_gpa)
		read_guest(lg, &value, lg->data_gpa + offset, 4);
	return value;
}

static u32 deliverable_irqs(struct lguest *lg)
{
	u32 blocked = read_data_field(lg, offsetof(struct lguest_data,
						    blocked_irqs));

	return READ_ONCE(lg->irqs_pending) & ~blocked;
}

bool guest_irqs_enabled(struct lguest *lg)
{
	return read_data_field(lg, offsetof(struct lguest_data, irq_enabled));
}

void set_guest_irqs_enabled(struct lguest *lg)
{
	u32 on = 1;

	if (lg->data_gpa)
		write_guest(lg, &on, lg->data_gpa +
			    offsetof(struct lguest_data, irq_enabled), 4);
}

/* chapters/7-interrupts.nw, Injecting an interrupt:
 * <<Tell the guest whether an interrupt is waiting>>
 */
static void set_irq_hint(struct lguest *lg, bool pending)
{
	u32 value = pending;

	if (pending == lg->irq_hint || !lg->data_gpa)
		return;
	write_guest(lg, &value,
		    lg->data_gpa + offsetof(struct lguest_data, irq_pending), 4);
	lg->irq_hint = pending;
}

/* chapters/7-interrupts.nw, Injecting an interrupt:
 * <<Inject a pending interrupt, if the guest will take one>>
 */
void inject_interrupts(struct lguest *lg)
{
	u32 ready;
	unsigned int line;

	if (!READ_ONCE(lg->irqs_pending) && !lg->irq_hint)
		return;
	ready = deliverable_irqs(lg);
	if (ready && guest_irqs_enabled(lg) && !lg->dead) {
		line = __ffs(ready);
		if (test_and_clear_bit(line, &lg->irqs_pending))
			deliver_interrupt(lg, LGUEST_IRQ_BASE + line);
		ready = deliverable_irqs(lg);
	}
	set_irq_hint(lg, ready != 0);
}

/* chapters/7-interrupts.nw, Halting: <<Sleep while the guest is halted>> */
void wait_for_interrupt(struct lguest *lg)
{
	u32 blocked = read_data_field(lg, offsetof(struct lguest_data,
						    blocked_irqs));

	set_current_state(TASK_INTERRUPTIBLE);
	if (!(READ_ONCE(lg->irqs_pending) & ~blocked) &&
	    !signal_pending(current) && !lg->dead)
		schedule();
	__set_current_state(TASK_RUNNING);
	if ((READ_ONCE(lg->irqs_pending) & ~blocked) || lg->dead)
		lg->halted = false;
}

/* chapters/7-interrupts.nw, The timer: <<Set up and stop a guest's interrupts>> */
void init_guest_interrupts(struct lguest *lg)
{
	spin_lock_init(&lg->task_lock);
	hrtimer_init(&lg->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	lg->timer.function = clockevent_fired;
}

void stop_guest_interrupts(struct lguest *lg)
{
	hrtimer_cancel(&lg->timer);
}
