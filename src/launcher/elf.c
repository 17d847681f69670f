// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/4-launcher.nw; edit the chapter, not this file. */
/* elf.c: loading the guest kernel, an ELF file we do not trust. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "launcher.h"

/* chapters/4-launcher.nw, Loading the guest without trusting it:
 * <<An ELF file read into memory>>
 */
struct elf_file {
	const char *path;
	uint8_t *data;
	uint32_t size;
	Elf32_Ehdr ehdr;	/* a copy, once the identification is checked */
};

/* chapters/4-launcher.nw, Loading the guest without trusting it:
 * <<Read the whole guest file into memory>>
 */
static void read_guest_file(struct elf_file *f, const char *path)
{
	struct stat st;
	int fd;

	f->path = path;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		die("%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		die("%s: not a regular file", path);
	f->size = st.st_size;
	f->data = malloc(f->size ? f->size : 1);
	if (!f->data)
		die("%s: too big to read (0x%x bytes)", path, f->size);
	for (uint32_t done = 0; done < f->size;) {
		ssize_t n = read(fd, f->data + done, f->size - done);

		if (n < 0)
			die("%s: %s", path, strerror(errno));
		if (n == 0)
			die("%s: file shrank while being read", path);
		done += n;
	}
	close(fd);
}

/* chapters/4-launcher.nw, Loading the guest without trusting it:
 * <<Check that the file starts with a 32-bit little-endian ELF identification>>
 */
static void check_elf_ident(const struct elf_file *f)
{
	const uint8_t *id = f->data;

	if (f->size < EI_NIDENT || memcmp(id, ELFMAG, SELFMAG) != 0)
		die("%s: not an ELF file", f->path);
	if (id[EI_CLASS] == ELFCLASS64)
		die("%s: a 64-bit ELF file; the guest must be a 32-bit i386 kernel",
		    f->path);
	if (id[EI_CLASS] != ELFCLASS32)
		die("%s: unknown ELF class (EI_CLASS 0x%x)", f->path,
		    id[EI_CLASS]);
	if (id[EI_DATA] != ELFDATA2LSB)
		die("%s: not little-endian (EI_DATA 0x%x)", f->path,
		    id[EI_DATA]);
	if (f->size < sizeof(Elf32_Ehdr))
		die("%s: too short for an ELF header (0x%x bytes)", f->path,
		    f->size);
}

/* chapters/4-launcher.nw, Loading the guest without trusting it:
 * <<Check that the ELF header describes an i386 executable>>
 */
static void check_elf_header(const struct elf_file *f)
{
	const Elf32_Ehdr *eh = &f->ehdr;

	if (eh->e_type != ET_EXEC)
		die("%s: not an executable (e_type 0x%x)", f->path,
		    eh->e_type);
	if (eh->e_machine != EM_386)
		die("%s: not for i386 (e_machine 0x%x)", f->path,
		    eh->e_machine);
	if (eh->e_phentsize != sizeof(Elf32_Phdr))
		die("%s: unexpected program header size (e_phentsize 0x%x)",
		    f->path, eh->e_phentsize);
	if (!range_ok(eh->e_phoff, eh->e_phnum * sizeof(Elf32_Phdr), f->size))
		die("%s: program headers outside the file (e_phoff 0x%x, e_phnum 0x%x)",
		    f->path, eh->e_phoff, eh->e_phnum);
}

/* chapters/4-launcher.nw, Loading the guest without trusting it: <<Fetch program header i>> */
static void get_phdr(const struct elf_file *f, unsigned int i,
		     Elf32_Phdr *ph)
{
	memcpy(ph, f->data + f->ehdr.e_phoff + i * sizeof(*ph), sizeof(*ph));
}

/* chapters/4-launcher.nw, Loading the guest without trusting it:
 * <<Check that a loadable segment fits in the file and in guest memory>>
 */
static void check_segment(const struct guest *g, const struct elf_file *f,
			  unsigned int i, const Elf32_Phdr *ph)
{
	if (!range_ok(ph->p_offset, ph->p_filesz, f->size))
		die("%s: segment %u outside the file (p_offset 0x%x, p_filesz 0x%x)",
		    f->path, i, ph->p_offset, ph->p_filesz);
	if (ph->p_filesz > ph->p_memsz)
		die("%s: segment %u bigger in the file than in memory (p_filesz 0x%x, p_memsz 0x%x)",
		    f->path, i, ph->p_filesz, ph->p_memsz);
	if (!range_ok(ph->p_paddr, ph->p_memsz, g->mem_top))
		die("%s: segment %u outside guest memory (p_paddr 0x%x, p_memsz 0x%x, limit 0x%x)",
		    f->path, i, ph->p_paddr, ph->p_memsz, g->mem_top);
}

/* chapters/4-launcher.nw, Loading the guest without trusting it:
 * <<Check whether the entry point lies in a segment>>
 */
static bool is_in_segment(uint32_t addr, const Elf32_Phdr *ph)
{
	return addr >= ph->p_paddr &&
	       range_ok(addr - ph->p_paddr, 1, ph->p_memsz);
}

/* chapters/4-launcher.nw, Loading the guest without trusting it:
 * <<Load the guest kernel into guest memory>>
 */
void load_guest(struct guest *g, const char *path)
{
	struct elf_file f;
	unsigned int i, loaded = 0;
	bool entry_ok = false;
	Elf32_Phdr ph;

	read_guest_file(&f, path);
	check_elf_ident(&f);
	memcpy(&f.ehdr, f.data, sizeof(f.ehdr));
	check_elf_header(&f);
	for (i = 0; i < f.ehdr.e_phnum; i++) {
		get_phdr(&f, i, &ph);
		if (ph.p_type != PT_LOAD)
			continue;
		check_segment(g, &f, i, &ph);
		memcpy(guest_ptr(g, ph.p_paddr), f.data + ph.p_offset, ph.p_filesz);
		entry_ok = entry_ok || is_in_segment(f.ehdr.e_entry, &ph);
		loaded++;
	}
	if (loaded == 0)
		die("%s: no loadable segment", path);
	if (!entry_ok)
		die("%s: entry point outside the loaded segments (e_entry 0x%x)",
		    path, f.ehdr.e_entry);
	g->entry = f.ehdr.e_entry;
	free(f.data);
}
