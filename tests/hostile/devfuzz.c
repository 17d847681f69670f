// SPDX-License-Identifier: GPL-2.0
/* devfuzz.c: a hostile Launcher.  Several threads throw random operations
 * at /dev/lguest: opens and closes, writes of every request kind with
 * random lengths, words and pointers, reads with random lengths and bad
 * buffers, valid-looking guests made of small memory regions (zeroed,
 * random code, hypercall loops, spinners, halters) that the reads then
 * run, while other threads close the file, unmap, protect or truncate the
 * guest's memory, fork children that kill -9 may end mid-read, and
 * signals interrupt everything.  Every system call must come back, with
 * success or an errno; the last line counts how each came back.
 *
 * Usage: devfuzz SEED [MAX_OPS [SECONDS [THREADS]]]
 * Built static for the i386 host: gcc -m32 -static -O2 -pthread. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "lguest.h"

#define PAGE		4096u
#define FDS		8	/* slots for open /dev/lguest files */
#define REGIONS		12	/* slots for guest memory */
#define MAX_THREADS	8
#define MAX_ERRNO	140
#define CHILD_OPS	24

/* A thread's random numbers: xorshift64*, one state per thread. */
struct rng {
	uint64_t s;
};

static uint32_t rnd(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 0x2545f4914f6cdd1dULL) >> 32);
}

static uint32_t below(struct rng *r, uint32_t n)
{
	return n ? rnd(r) % n : 0;
}

static bool chance(struct rng *r, uint32_t one_in)
{
	return below(r, one_in) == 0;
}

/* The shared state every thread pokes at, on purpose without locks,
 * except the regions: only the fuzzer's own guest memory may ever be
 * unmapped, so taking a region out of the table is done under a lock. */
static _Atomic int fds[FDS];
struct region {
	uint8_t *base;	/* NULL: empty slot */
	uint32_t size;
	uint32_t entry;	/* a gpa worth starting at */
	int memfd;	/* shared memory behind it, or -1 */
};
#define MEMFD_FIRST	1000	/* out of reach of the fd numbers we try */
static struct region regions[REGIONS];
static pthread_mutex_t regions_lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t *guard;	/* a readable page followed by an unmapped one */
static uint8_t *rodata;	/* a read-only page */

/* Counting what came back.  Each thread counts its own, summed at the end. */
enum { EXIT_KINDS = 6 };
struct counts {
	uint64_t ops, ok, err[MAX_ERRNO], exits[EXIT_KINDS], unexpected;
	uint64_t forks, children_killed, children_bad;
};
static struct counts counts[MAX_THREADS + 1];
static atomic_ulong ops_started;
static atomic_bool stopping;
static unsigned long max_ops;

static void tally(struct counts *c, long ret)
{
	if (ret >= 0)
		c->ok++;
	else if (errno < MAX_ERRNO)
		c->err[errno]++;
	else
		c->unexpected++;
}

static void nothing(int sig)
{
	(void)sig;
}

/* Pointers a Launcher should never pass, and ones that are nearly right. */
static void *bad_pointer(struct rng *r, uint32_t len)
{
	switch (below(r, 9)) {
	case 0: return NULL;
	case 1: return (void *)1;
	case 2: return (void *)0xc0000000u;
	case 3: return (void *)(uintptr_t)(0u - below(r, 64) - 1);
	case 4: return guard + PAGE - below(r, len + 1);	/* runs off a page */
	case 5: return rodata;
	case 6: return (void *)(uintptr_t)rnd(r);
	case 7: return regions[below(r, REGIONS)].base;	/* a guest's memory */
	default: return (void *)(uintptr_t)(0xbf000000u + below(r, 0x1000000));
	}
}

static int pick_fd(struct rng *r)
{
	if (chance(r, 64))
		return chance(r, 2) ? -1 : (int)below(r, 64) + 3;	/* junk */
	return atomic_load(&fds[below(r, FDS)]);
}

/* Guest memory.  A region's first page is a page directory whose first
 * entry points at the second page, a page table mapping every page of the
 * region at its own address; code starts on the third page. */
enum { IMAGE_ZERO, IMAGE_RANDOM, IMAGE_HCALLS, IMAGE_SPIN, IMAGE_HALT, IMAGES };

static uint32_t random_arg(struct rng *r, uint32_t size)
{
	switch (below(r, 6)) {
	case 0: return 0;
	case 1: return below(r, 40);
	case 2: return below(r, size);
	case 3: return below(r, size) & ~(PAGE - 1);
	case 4: return 0xfeb00000u + below(r, 0x1000);
	default: return rnd(r);
	}
}

static uint8_t *put_mov(uint8_t *p, uint8_t opcode, uint32_t value)
{
	*p++ = opcode;
	memcpy(p, &value, 4);
	return p + 4;
}

/* One hypercall, its number mostly known: mov $n,%eax; mov $a,%ebx;
 * mov $b,%ecx; mov $c,%edx; int $0x1f. */
static uint8_t *put_hcall(struct rng *r, uint8_t *p, uint32_t size)
{
	uint32_t nr = chance(r, 16) ? rnd(r) : below(r, LHCALL_COUNT + 2);

	p = put_mov(p, 0xb8, nr);
	p = put_mov(p, 0xbb, random_arg(r, size));
	p = put_mov(p, 0xb9, random_arg(r, size));
	p = put_mov(p, 0xba, random_arg(r, size));
	*p++ = 0xcd;
	*p++ = LGUEST_TRAP_HCALL;
	return p;
}

static void fill_code(struct rng *r, uint8_t *code, uint32_t len, int image,
		      uint32_t size)
{
	uint8_t *p = code, *end = code + len - 32;
	uint32_t i;

	switch (image) {
	case IMAGE_RANDOM:
		for (i = 0; i < len; i++)
			code[i] = rnd(r);
		for (i = 0; i < 8; i++)
			put_hcall(r, code + below(r, len - 32), size);
		break;
	case IMAGE_HCALLS:
		while (p < end - 32 && p < code + 2048)
			p = put_hcall(r, p, size);
		*p++ = 0xe9;	/* jmp back to the start */
		i = (uint32_t)(code - (p + 4));
		memcpy(p, &i, 4);
		break;
	case IMAGE_SPIN:
		memcpy(code, "\xf3\x90\xeb\xfc", 4);	/* pause; jmp */
		break;
	case IMAGE_HALT:
		p = put_mov(p, 0xb8, LHCALL_HALT);
		*p++ = 0xcd;
		*p++ = LGUEST_TRAP_HCALL;
		*p++ = 0xeb;
		*p = (uint8_t)(code - (p + 1));
		break;
	}
}

static void build_image(struct rng *r, struct region *g, int image)
{
	uint32_t *pgd = (uint32_t *)g->base, *pt, i, flags;

	g->entry = 0;
	if (image == IMAGE_ZERO || g->size < 3 * PAGE)
		return;
	pt = (uint32_t *)(g->base + PAGE);
	flags = chance(r, 4) ? 0x67 : 0x63;	/* present, rw, (user,) a, d */
	pgd[0] = PAGE | flags;
	for (i = 0; i < g->size / PAGE; i++)
		pt[i] = i * PAGE | flags;
	fill_code(r, g->base + 2 * PAGE, g->size - 2 * PAGE, image, g->size);
	g->entry = 2 * PAGE;
}

static void forget_region(struct region *g)
{
	munmap(g->base, g->size);
	g->base = NULL;
	g->memfd = -1;
}

/* Guest memory is private anonymous memory, or now and then shared
 * memory whose file can be truncated under the guest.  Each region slot
 * has its own file, made before the threads start so that no other
 * thread ever sees its number; a shared region is made under the lock,
 * since it reuses its slot's file. */
static void *map_memory(struct region *g)
{
	void *mem;

	if (g->memfd < 0)
		return mmap(NULL, g->size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ftruncate(g->memfd, 0) < 0 || ftruncate(g->memfd, g->size) < 0)
		return MAP_FAILED;
	mem = mmap(NULL, g->size, PROT_READ | PROT_WRITE, MAP_SHARED,
		   g->memfd, 0);
	return mem;
}

static void map_region(struct rng *r, struct counts *c)
{
	uint32_t pages = 1 + below(r, chance(r, 8) ? 64 : 8), k = below(r, REGIONS);
	struct region g = { .size = pages * PAGE, .memfd = -1 };
	bool shared = chance(r, 4);

	if (shared) {
		pthread_mutex_lock(&regions_lock);
		if (regions[k].base)
			forget_region(&regions[k]);
		g.memfd = MEMFD_FIRST + k;
	}
	g.base = map_memory(&g);
	tally(c, g.base == MAP_FAILED ? -1 : 0);
	if (g.base != MAP_FAILED)
		build_image(r, &g, below(r, IMAGES));
	if (!shared)
		pthread_mutex_lock(&regions_lock);
	if (regions[k].base)
		forget_region(&regions[k]);
	if (g.base != MAP_FAILED)
		regions[k] = g;
	pthread_mutex_unlock(&regions_lock);
}

/* Take guest memory away, or change it, under a running guest. */
static void disturb_region(struct rng *r, struct counts *c)
{
	struct region *g = &regions[below(r, REGIONS)];
	static const int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE };
	long ret = 0;

	pthread_mutex_lock(&regions_lock);
	if (g->base) {
		switch (below(r, 4)) {
		case 0:
			forget_region(g);
			break;
		case 3:
			if (g->memfd >= 0)
				ret = ftruncate(g->memfd, chance(r, 2) ? 0 : g->size);
			break;
		case 1:
			ret = mprotect(g->base, g->size, prots[below(r, 3)]);
			break;
		default:
			ret = madvise(g->base, g->size, MADV_DONTNEED);
		}
		tally(c, ret);
	}
	pthread_mutex_unlock(&regions_lock);
}

/* Memory no guest should have: our own code (read-only), the vDSO and
 * the kernel's data pages before it (special mappings), or a bad pointer. */
static void *strange_memory(struct rng *r)
{
	uintptr_t vdso = getauxval(AT_SYSINFO_EHDR);

	switch (below(r, 3)) {
	case 0: return (void *)((uintptr_t)&strange_memory & ~(PAGE - 1));
	case 1: return vdso ? (void *)(vdso - below(r, 5) * PAGE) : NULL;
	default: return bad_pointer(r, 0);
	}
}

/* A description of a guest, mostly right, sometimes wrong in one field. */
static void make_init(struct rng *r, struct lguest_init *init)
{
	struct region g = regions[below(r, REGIONS)];	/* racy on purpose */

	init->request = LHREQ_INIT;
	init->version = chance(r, 32) ? rnd(r) : LGUEST_ABI_VERSION;
	init->mem_base = (uint32_t)(uintptr_t)g.base;
	init->mem_size = g.size;
	init->eip = g.entry;
	init->cr3 = 0;
	init->esi = below(r, g.size ? g.size : 1);
	if (!g.base || chance(r, 16))
		init->mem_base = (uint32_t)(uintptr_t)strange_memory(r);
	switch (below(r, 24)) {
	case 0: init->mem_size = rnd(r); break;
	case 1: init->mem_size = rnd(r) & ~(PAGE - 1); break;
	case 2: init->mem_size = 0; break;
	case 3: init->cr3 = rnd(r); break;
	case 4: init->cr3 = g.size; break;
	case 5: init->esi = rnd(r); break;
	case 6: init->eip = rnd(r); break;
	case 7: init->mem_base += below(r, PAGE); break;
	case 8: init->mem_size = 1u << 30; break;
	}
}

static void do_write(struct rng *r, struct counts *c)
{
	union {
		struct lguest_init init;
		struct lguest_irq irq;
		struct lguest_mmio_reply reply;
		uint32_t words[16];
	} req;
	size_t len, i;
	const void *buf = &req;

	for (i = 0; i < 16; i++)
		req.words[i] = rnd(r);
	switch (below(r, 4)) {
	case 0:
		make_init(r, &req.init);
		len = sizeof(req.init);
		break;
	case 1:
		req.irq.request = LHREQ_IRQ;
		req.irq.line = chance(r, 2) ? below(r, 34) : rnd(r);
		len = sizeof(req.irq);
		break;
	case 2:
		req.reply.request = LHREQ_MMIO_REPLY;
		len = sizeof(req.reply);
		break;
	default:
		req.words[0] = chance(r, 2) ? below(r, 5) : rnd(r);
		len = below(r, sizeof(req) + 1);
	}
	if (chance(r, 8))
		len = chance(r, 2) ? below(r, 2 * sizeof(req)) : rnd(r);
	if (chance(r, 10))
		buf = bad_pointer(r, len);
	if (len > sizeof(req) && buf == &req)
		len = sizeof(req);
	i = write(pick_fd(r), buf, len);
	tally(c, (long)i);
	if ((long)i >= 0 && i != len)
		c->unexpected++;
}

static void do_read(struct rng *r, struct counts *c)
{
	struct lguest_exit exit;
	size_t len = sizeof(exit);
	void *buf = &exit;
	ssize_t n;

	if (chance(r, 8))
		len = below(r, sizeof(exit) + 8);
	if (chance(r, 8))
		buf = bad_pointer(r, sizeof(exit));
	n = read(pick_fd(r), buf, len > sizeof(exit) ? sizeof(exit) : len);
	tally(c, n);
	if (n < 0 || buf != &exit)
		return;
	if (n != sizeof(exit) || exit.reason == 0 || exit.reason >= EXIT_KINDS ||
	    !memchr(exit.message, 0, sizeof(exit.message)))
		c->unexpected++;
	else
		c->exits[exit.reason]++;
}

static void do_open(struct rng *r, struct counts *c)
{
	int fd = open("/dev/lguest", chance(r, 8) ? O_RDONLY : O_RDWR);
	int old;

	tally(c, fd);
	if (fd < 0)
		return;
	old = atomic_exchange(&fds[below(r, FDS)], fd);
	if (old >= 0)
		tally(c, close(old));
}

static void do_close(struct rng *r, struct counts *c)
{
	int fd = atomic_exchange(&fds[below(r, FDS)], -1);

	if (fd >= 0)
		tally(c, close(fd));
}

/* The other system calls a device file can be given. */
static void do_other(struct rng *r, struct counts *c)
{
	int fd = pick_fd(r), other;
	void *p;

	switch (below(r, 4)) {
	case 0:
		tally(c, ioctl(fd, rnd(r), rnd(r)));
		break;
	case 1:
		p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
		tally(c, p == MAP_FAILED ? -1 : 0);
		if (p != MAP_FAILED)
			munmap(p, PAGE);
		break;
	case 2:
		tally(c, lseek(fd, rnd(r), SEEK_SET));
		break;
	default:
		other = dup(fd);
		tally(c, other);
		if (other >= 0) {
			other = atomic_exchange(&fds[below(r, FDS)], other);
			if (other >= 0)
				close(other);
		}
	}
}

static void one_op(struct rng *r, struct counts *c, bool child);

/* A child inherits the files, and the guests, but not their address
 * space: it may do anything but run its parent's guests. */
static void do_fork(struct rng *r, struct counts *c)
{
	struct itimerval tick = { { 0, 5000 }, { 0, 5000 } };
	int status, i;
	uint64_t unexpected = c->unexpected;
	pid_t pid = fork();

	tally(c, pid);
	if (pid < 0)
		return;
	if (pid == 0) {
		setitimer(ITIMER_REAL, &tick, NULL);
		for (i = 0; i < CHILD_OPS; i++)
			one_op(r, c, true);
		_exit(c->unexpected != unexpected);
	}
	c->forks++;
	if (chance(r, 2)) {
		usleep(below(r, 3000));
		kill(pid, SIGKILL);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		c->children_killed++;
	else if (!WIFEXITED(status) || WEXITSTATUS(status))
		c->children_bad++;
}

static void one_op(struct rng *r, struct counts *c, bool child)
{
	uint32_t op = below(r, 1000);

	c->ops++;
	if (op < 340)
		do_read(r, c);
	else if (op < 720)
		do_write(r, c);
	else if (op < 810)
		do_open(r, c);
	else if (op < 850)
		do_close(r, c);
	else if (op < 910)
		do_other(r, c);
	else if (child || op < 943)
		do_read(r, c);
	else if (op < 968)
		map_region(r, c);
	else if (op < 998)
		disturb_region(r, c);
	else
		do_fork(r, c);
}

struct worker {
	pthread_t thread;
	struct rng rng;
	struct counts *counts;
};

static void *work(void *arg)
{
	struct worker *w = arg;

	while (!atomic_load(&stopping) &&
	       atomic_fetch_add(&ops_started, 1) < max_ops)
		one_op(&w->rng, w->counts, false);
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void summarise(unsigned long seed, double secs, double limit,
		      int threads)
{
	struct counts sum = { 0 };
	static const char *const exit_names[EXIT_KINDS] = {
		"none", "console", "shutdown", "killed", "mmio-read", "mmio-write"
	};
	int i, e;

	for (i = 0; i <= threads; i++) {
		sum.ops += counts[i].ops;
		sum.ok += counts[i].ok;
		sum.unexpected += counts[i].unexpected;
		sum.forks += counts[i].forks;
		sum.children_bad += counts[i].children_bad;
		sum.children_killed += counts[i].children_killed;
		for (e = 0; e < MAX_ERRNO; e++)
			sum.err[e] += counts[i].err[e];
		for (e = 0; e < EXIT_KINDS; e++)
			sum.exits[e] += counts[i].exits[e];
	}
	printf("devfuzz: seed %lu, %llu ops in %.1f s (%s), %d threads, %llu forks:"
	       " ok %llu", seed, (unsigned long long)sum.ops, secs,
	       secs >= limit ? "time limit" : "op limit", threads,
	       (unsigned long long)sum.forks, (unsigned long long)sum.ok);
	for (e = 1; e < MAX_ERRNO; e++)
		if (sum.err[e])
			printf(", %s %llu", strerrorname_np(e) ? strerrorname_np(e) : "E?",
			       (unsigned long long)sum.err[e]);
	printf("; exits");
	for (e = 1; e < EXIT_KINDS; e++)
		printf(" %s %llu", exit_names[e], (unsigned long long)sum.exits[e]);
	printf("; children killed %llu; unexpected %llu, bad children %llu\n",
	       (unsigned long long)sum.children_killed,
	       (unsigned long long)sum.unexpected,
	       (unsigned long long)sum.children_bad);
}

static void make_special_pages(void)
{
	uint8_t *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("devfuzz: mmap");
		exit(1);
	}
	munmap(p + PAGE, PAGE);
	guard = p;
	rodata = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

int main(int argc, char *argv[])
{
	unsigned long seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
	double limit = argc > 3 ? atof(argv[3]) : 40, start;
	int threads = argc > 4 ? atoi(argv[4]) : 4, i;
	struct worker workers[MAX_THREADS];
	struct sigaction sa = { .sa_handler = nothing };

	max_ops = argc > 2 ? strtoul(argv[2], NULL, 0) : 1000000;
	if (threads < 1 || threads > MAX_THREADS) {
		fprintf(stderr, "devfuzz: 1 to %d threads\n", MAX_THREADS);
		return 1;
	}
	sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART: reads give up */
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (i = 3; i < 1024; i++)
		close(i);	/* only /dev/lguest may be behind a number */
	make_special_pages();
	for (i = 0; i < FDS; i++)
		fds[i] = -1;
	for (i = 0; i < REGIONS; i++) {
		int fd = memfd_create("guest", 0);

		if (fd < 0 || dup2(fd, MEMFD_FIRST + i) < 0) {
			perror("devfuzz: memfd");
			return 1;
		}
		close(fd);
		regions[i].memfd = -1;
	}
	start = now();
	for (i = 0; i < threads; i++) {
		workers[i].rng.s = (seed + 1) * 0x9e3779b97f4a7c15ULL + i * 7919 + 1;
		workers[i].counts = &counts[i];
		pthread_create(&workers[i].thread, NULL, work, &workers[i]);
	}
	/* The watchdog: a signal to every worker every few milliseconds
	 * ends whatever guest it is running, and the time limit ends all. */
	while (atomic_load(&ops_started) < max_ops) {
		usleep(3000);
		if (now() - start >= limit)
			atomic_store(&stopping, true);
		for (i = 0; i < threads; i++)
			pthread_kill(workers[i].thread, SIGUSR1);
		if (atomic_load(&stopping))
			break;
	}
	atomic_store(&stopping, true);
	for (i = 0; i < threads; i++) {
		struct timespec t = { 0, 0 };

		while (pthread_tryjoin_np(workers[i].thread, NULL) == EBUSY) {
			pthread_kill(workers[i].thread, SIGUSR1);
			t.tv_nsec = 2000000;
			nanosleep(&t, NULL);
		}
	}
	for (i = 0; i < FDS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	summarise(seed, now() - start, limit, threads);
	/* Reads with random buffers let the Host write exits into any
	 * writable page of ours, libc's own state among them: leave
	 * without running libc's exit handlers over it. */
	fflush(stdout);
	_exit(0);
}
