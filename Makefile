# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/12-building.nw; edit the chapter, not this file.
# Makefile: every entry point of Lguest, the book.  See README.md.
#
# The code this Makefile builds lives in chapters/*.nw and is tangled into
# src/; the shell scripts it runs (src/prep/) are explained in the
# Preparation chapter and the appendix "How the book is built".  Everything
# built or downloaded goes under build/.

# chapters/12-building.nw, The Makefile:
# <<Where the Makefile puts things, and the chapters in journey order>>
FLAVOUR ?= 686
BUILD := build$(if $(filter-out 686,$(FLAVOUR)),/$(FLAVOUR))
STAGES := Preparation Guest Processes Drivers Launcher Host Paging Interrupts \
	Switcher Mastery
# The chapters in journey order, by the number that starts each name
# (0-preparation.nw ... 9-mastery.nw, then the appendices from 10-).
CHAPTERS := $(shell ls chapters/*.nw | sort -t/ -k2 -n)
MARKUP := /usr/lib/noweb/markup
SETUP := $(BUILD)/setup
TANGLE := $(BUILD)/tangle/tangle
LINES := $(BUILD)/tangle/lines
LINEMAP := $(BUILD)/tangle/lines.map
KDIR := $(BUILD)/kernel/headers

# chapters/12-building.nw, The Makefile: <<The choices a reader makes on make's command line>>
SMP ?= 1
CPU ?= qemu32
BENCH ?=
BENCH_CPU ?= max
# GDB=1: make run and make shell boot paused, for make gdb.
GDB ?=
BOOT_GDB := $(if $(GDB),-g)

# chapters/12-building.nw, The Makefile: <<The default target, and the targets that are not files>>
.PHONY: all deps tangle module launcher guest guest-native run-native run shell \
	check check-exercises exercise grade bench clean book gdb $(STAGES)
.DELETE_ON_ERROR:

all: module launcher guest

# chapters/12-building.nw, Setting up: what the book needs, and how it gets it:
# <<Run the set-up steps a target needs>>
# Set-up: each step runs once, then leaves a stamp; `make deps` always
# checks everything again (and installs the book's tools as well).
deps:
	BUILD=$(BUILD) sh src/prep/setup.sh tools kernel qemu typesetting plotting \
		debug
	touch $(SETUP)/tools.done $(SETUP)/kernel.done $(SETUP)/qemu.done \
		$(SETUP)/typesetting.done $(SETUP)/plotting.done $(SETUP)/debug.done

$(SETUP)/%.done: src/prep/setup.sh
	BUILD=$(BUILD) FLAVOUR=$(FLAVOUR) sh src/prep/setup.sh $*
	touch $@

# chapters/12-building.nw, Tangling, and the two bootstraps:
# <<Build tangle, and tangle the book until the tools settle>>
# Tangling: one pass writes every root of every chapter into the places
# the book owns, each file saying which chapter, heading and chunk its
# parts come from (-p).  tangle/ is the tools themselves (appendix "The
# book's own tools"): when a pass rewrites them, the tools are built again
# and the book tangled again, until a pass writes nothing there, which the
# second or third pass does (see "The bootstrap").
PLACES := -o src -o tangle -f Makefile -f tests/check -f tests/qemu/lib.sh
$(TANGLE): tangle/tangle.c tangle/common.h tangle/pipeline.h | $(SETUP)/tools.done
	mkdir -p $(@D)
	gcc -std=c11 -Wall -Wextra -Werror -O2 -o $@ $<

TOOLS := $(TANGLE) $(BUILD)/tangle/weave $(BUILD)/tangle/fill $(LINES)

tangle: $(TANGLE)
	@for pass in 1 2 3 4; do \
		echo "$(MARKUP) -t ... | $(TANGLE) -p $(PLACES) -m $(LINEMAP)"; \
		$(MARKUP) -t $(CHAPTERS) | $(TANGLE) -p $(PLACES) \
			-m $(LINEMAP) >$(BUILD)/tangle/wrote || exit 1; \
		cat $(BUILD)/tangle/wrote; \
		grep -q '^wrote tangle/' $(BUILD)/tangle/wrote || break; \
		[ $$pass -lt 4 ] || { echo "make tangle: the tools never settle" >&2; exit 1; }; \
		$(MAKE) --no-print-directory TANGLING=1 $(TOOLS) || exit 1; \
	done
	touch $(BUILD)/tangled

$(BUILD)/tangled: $(CHAPTERS) $(TANGLE)
	@$(MAKE) --no-print-directory tangle >&2

# chapters/12-building.nw, Tangling, and the two bootstraps:
# <<Tangle before anything else, and read the Makefile again if it changed>>
# The Makefile is tangled too: before anything else, make brings the
# tangling up to date, and if that rewrote the Makefile, make reads it
# again and starts over (see "The Makefile" in "How the book is built").
ifneq ($(TANGLING),1)
ifneq ($(filter-out clean deps tangle,$(or $(MAKECMDGOALS),all)),)
Makefile: $(BUILD)/tangled ;
endif
endif

# chapters/12-building.nw, Weaving: the book on paper and on screen:
# <<Make the tangled files depend on the last tangling>>
# What is built from src/ depends on the files it is built from, not on
# the chapters: tangle rewrites only the files whose text changed, and make
# looks at each file's time again after tangling, so a sentence of prose
# rebuilds nothing but the book, and a chunk rebuilds what uses its file.
# (setup.sh is left out: it is what installs the tools that tangle.)
SRC_FILES := $(filter-out src/prep/setup.sh,$(shell find src -type f))
$(SRC_FILES): $(BUILD)/tangled ;
ABI := src/include/lguest.h

# chapters/12-building.nw, Weaving: the book on paper and on screen:
# <<Send the compilers' messages through the line map>>
# $(IN_BOOK) COMMAND runs COMMAND with its messages about the files in
# src/ turned into messages about the chapters' lines, by the line map that
# tangle writes (see "Errors lead to the book" in Preparation).
IN_BOOK = $(LINES) $(LINEMAP)

$(LINES): tangle/lines.c tangle/common.h | $(SETUP)/tools.done
	mkdir -p $(@D)
	gcc -std=c11 -Wall -Wextra -Werror -O2 -o $@ $<

# chapters/12-building.nw, Building a module outside the kernel tree:
# <<Build lg.ko with Kbuild in a copy of src/host/>>
# The host module, built by Kbuild in a copy of src/host/ under build/.
module: $(BUILD)/lg.ko

$(BUILD)/lg.ko: $(wildcard src/host/*) $(ABI) | $(SETUP)/kernel.done $(LINES)
	mkdir -p $(BUILD)/host
	cp -p src/host/* src/include/lguest.h $(BUILD)/host/
	$(IN_BOOK) $(MAKE) -C $(KDIR) M=$(CURDIR)/$(BUILD)/host modules
	cp $(BUILD)/host/lg.ko $@

# chapters/12-building.nw, The programs: <<Build the Launcher, a static 32-bit program>>
# The Launcher: a static 32-bit program, so the busybox host can run it.
launcher: $(BUILD)/lguest

$(BUILD)/lguest: $(wildcard src/launcher/*) $(ABI) | $(SETUP)/kernel.done $(LINES)
	$(IN_BOOK) gcc -m32 -static -pthread -std=gnu11 -O2 -Wall -Wextra -Werror \
		-Isrc/include -o $@ $(sort $(wildcard src/launcher/*.c))

# chapters/12-building.nw, The programs: <<Build the guest and its user programs>>
# The guest: a freestanding 32-bit kernel of our own, linked by its own script.
GUEST_CFLAGS := -m32 -march=i686 -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-fno-asynchronous-unwind-tables -mno-mmx -mno-sse -Isrc/include
# The guest's user programs: each is start.S, the library and one .c,
# linked at USER_BASE and flattened into the bytes the guest includes
# (one segment: the guest maps a program's pages all alike, writable).
USER_DIR := src/guest/user
USER_PROGRAMS := $(basename $(notdir $(filter-out $(USER_DIR)/ulib.c, \
	$(wildcard $(USER_DIR)/*.c))))
USER_BINS := $(USER_PROGRAMS:%=$(BUILD)/user/%.bin)

USER_COMMON := $(addprefix $(USER_DIR)/,start.S ulib.c ulib.h measure.h user.lds) \
	src/guest/syscall.h

$(BUILD)/user/%.bin: $(USER_DIR)/%.c $(USER_COMMON) | $(SETUP)/kernel.done $(LINES)
	mkdir -p $(@D)
	$(IN_BOOK) gcc $(GUEST_CFLAGS) -Isrc/guest -nostdlib -static -no-pie \
		-Wl,--build-id=none,--no-warn-rwx-segments \
		-Wl,-T,$(USER_DIR)/user.lds \
		-o $(BUILD)/user/$*.elf $(USER_DIR)/start.S \
		$(USER_DIR)/ulib.c $(USER_DIR)/$*.c
	objcopy -O binary $(BUILD)/user/$*.elf $@

guest: $(BUILD)/guest.elf

GUEST_FILES := $(wildcard src/guest/*.* src/guest/drivers/*) $(ABI)

$(BUILD)/guest.elf: $(GUEST_FILES) $(USER_BINS) | $(SETUP)/kernel.done $(LINES)
	$(IN_BOOK) gcc $(GUEST_CFLAGS) -Isrc/guest -Wa,-I,$(BUILD)/user -nostdlib \
		-static -no-pie -Wl,--build-id=none -Wl,-T,src/guest/guest.lds \
		-o $@ $(sort $(wildcard src/guest/*.S src/guest/*.c \
			src/guest/drivers/*.c))

# chapters/12-building.nw, The programs: <<Build the guest for a bare PC, and boot it>>
# The same guest with the native back end instead of lguest.c (and without
# hostile.c, whose attacks are on the Host): ring-0
# selectors, its own entry, and a linker script with a PVH note, so that
# QEMU's microvm machine boots it bare.
NATIVE_SOURCES := $(filter-out src/guest/lguest.c src/guest/hostile.c, \
	$(sort $(wildcard src/guest/*.S src/guest/*.c))) \
	$(sort $(wildcard src/guest/drivers/*.c)) \
	$(sort $(wildcard src/guest/native/*.S src/guest/native/*.c))

guest-native: $(BUILD)/guest-native.elf

$(BUILD)/guest-native.elf: $(GUEST_FILES) $(wildcard src/guest/native/*) $(USER_BINS) \
		| $(SETUP)/kernel.done $(LINES)
	$(IN_BOOK) gcc $(GUEST_CFLAGS) -DGUEST_NATIVE -Isrc/guest -Wa,-I,$(BUILD)/user \
		-nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,-T,src/guest/native/native.lds -o $@ $(NATIVE_SOURCES)

# Boot it bare; NATIVE="..." chooses the test modes.  QEMU's exit status
# is the guest's, doubled, plus one; a guest status other than 0 fails.
NATIVE ?= user=hello,hello timer=100

run-native: $(BUILD)/guest-native.elf
	qemu-system-i386 -M microvm -accel tcg -cpu max -m 64 -nographic \
		-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel $< -append "$(NATIVE)"; [ $$? -eq 1 ]

# chapters/12-building.nw, The programs: <<Pack the host's initramfs, and boot it>>
# The host's initramfs, and booting it.
INITRAMFS_FILES := src/prep/init=init src/prep/run.sh=lg/run.sh \
	src/prep/shell.sh=lg/shell.sh $(BUILD)/lg.ko=lib/lg.ko \
	$(BUILD)/lguest=bin/lguest $(BUILD)/guest.elf=lib/guest.elf

$(BUILD)/initramfs.cpio.gz: $(BUILD)/lg.ko $(BUILD)/lguest $(BUILD)/guest.elf \
		$(addprefix src/prep/,init run.sh shell.sh initramfs.sh) | $(SETUP)/qemu.done
	sh src/prep/initramfs.sh $@ $(BUILD)/busybox/bin/busybox \
		$(INITRAMFS_FILES)

run: $(BUILD)/initramfs.cpio.gz
	BUILD=$(BUILD) sh src/prep/boot.sh -s $(SMP) -c $(CPU) -m run $(BOOT_GDB) $<

shell: $(BUILD)/initramfs.cpio.gz
	BUILD=$(BUILD) sh src/prep/boot.sh -s $(SMP) -c $(CPU) -m shell $(BOOT_GDB) $<

# chapters/12-building.nw, The programs: <<Attach the debugger to a paused host>>
# The debugger, attached to a host that make run GDB=1 or make shell GDB=1
# booted paused (Appendix "Debugging the hypervisor").
gdb: $(BUILD)/lg.ko $(BUILD)/guest.elf $(USER_BINS) | $(SETUP)/debug.done $(LINES)
	@[ -s $(BUILD)/gdb.port ] || { echo "make gdb: no paused host;" \
		"start one with make shell GDB=1 (or make run GDB=1)" >&2; exit 1; }
	BUILD=$(BUILD) gdb -q -x src/prep/lguest.gdb \
		-ex "target remote 127.0.0.1:$$(cat $(BUILD)/gdb.port)"

# chapters/12-building.nw, Weaving: the book on paper and on screen:
# <<Weave the chapters, for the PDF and for the tour>>
# The book: weave writes LaTeX for the PDF and pandoc input for the HTML
# tour from the same pipeline; fill puts the woven parts back into the
# pages pandoc writes.  See "Weaving" in the appendix "How the book is built".
BOOK := $(BUILD)/book
WEAVE := $(BUILD)/tangle/weave
FILL := $(BUILD)/tangle/fill
PAGES := $(shell printf '%s\n' $(CHAPTERS) | \
	sed 's|.*/||; s|^[0-9]*-||; s|\.nw$$||' | tr 'A-Z' 'a-z') \
	index chunks identifiers exercises
FIGURES := $(sort $(wildcard figures/*.svg))
FIGURE_PDFS := $(FIGURES:figures/%.svg=$(BOOK)/tex/figures/%.pdf) \
	$(BOOK)/tex/figures/bench.pdf
FIGURE_SVGS := $(FIGURES:figures/%.svg=$(BOOK)/html/figures/%.svg) \
	$(BOOK)/html/figures/bench.svg
BENCH_TABLE := $(BOOK)/bench/bench-table.tex
HTML := $(PAGES:%=$(BOOK)/html/%.html)

$(WEAVE) $(FILL): $(BUILD)/tangle/%: tangle/%.c tangle/common.h tangle/pipeline.h \
		$(wildcard tangle/weave-*.h) | $(SETUP)/tools.done
	mkdir -p $(@D)
	gcc -std=c11 -Wall -Wextra -Werror -O2 -o $@ $<

book: $(BOOK)/lguest.pdf $(HTML) $(BOOK)/html/book.css $(FIGURE_SVGS)

$(BOOK)/tex/woven: $(CHAPTERS) $(WEAVE) | $(SETUP)/typesetting.done
	mkdir -p $(@D)
	$(MARKUP) -t $(CHAPTERS) | $(WEAVE) -latex -n 0 -o $(@D)
	touch $@

$(BOOK)/html/woven: $(CHAPTERS) $(WEAVE) | $(SETUP)/typesetting.done
	mkdir -p $(BOOK)/pandoc $(@D)
	$(MARKUP) -t $(CHAPTERS) | $(WEAVE) -html -n 0 -t 'Lguest, the book' \
		-o $(BOOK)/pandoc
	touch $@

# chapters/12-building.nw, Weaving: the book on paper and on screen:
# <<Draw the figures and the measurements for both books>>
$(BOOK)/tex/figures/%.pdf: figures/%.svg | $(SETUP)/typesetting.done
	mkdir -p $(@D)
	rsvg-convert -f pdf -o $@.tmp $< && mv $@.tmp $@

$(BOOK)/html/figures/%.svg: figures/%.svg
	mkdir -p $(@D)
	cp $< $@

# The measurements (Mastery): a plot and a table drawn from the results
# that make bench last committed, so the book never runs a benchmark.
# They depend on the tangle stamp, not on the tangled scripts, which are
# never newer than the stamp (see SRC_FILES above).
$(BOOK)/bench/bench.svg: figures/bench.tsv $(BUILD)/tangled | $(SETUP)/typesetting.done
	mkdir -p $(@D)
	gnuplot -e "data='$<'; out='$@.tmp'" src/bench/plot.gp && mv $@.tmp $@

$(BOOK)/tex/figures/bench.pdf: $(BOOK)/bench/bench.svg
	mkdir -p $(@D)
	rsvg-convert -f pdf -o $@.tmp $< && mv $@.tmp $@

$(BOOK)/html/figures/bench.svg: $(BOOK)/bench/bench.svg
	mkdir -p $(@D)
	cp $< $@

$(BENCH_TABLE): figures/bench.tsv $(BUILD)/tangled
	mkdir -p $(@D)
	awk -v latex=1 -f src/bench/table.awk $< >$@.tmp && mv $@.tmp $@

$(BOOK)/html/book.css: styles/book.css
	mkdir -p $(@D)
	cp $< $@

# chapters/12-building.nw, Weaving: the book on paper and on screen:
# <<Typeset the PDF until its references settle>>
# pdflatex runs until its auxiliary files (labels, contents, bookmarks)
# stop changing, at most four times.  Its errors, and warnings of undefined
# references, are reported at the chapters' lines through weave's line map.
TEX_TO_BOOK = $(CURDIR)/$(LINES) chapters.map
$(BOOK)/lguest.pdf: $(BOOK)/tex/woven book/lguest.tex styles/lguest.sty \
		$(FIGURE_PDFS) $(BENCH_TABLE) | $(LINES)
	cp book/lguest.tex $(BOOK)/tex/
	cd $(BOOK)/tex && for run in 1 2 3 4; do \
		before=$$(cat lguest.aux lguest.toc lguest.out 2>/dev/null | cksum); \
		TEXINPUTS=.:$(CURDIR)/styles:$(CURDIR)/book:$(CURDIR)/$(BOOK)/bench: \
		pdflatex -file-line-error -interaction=nonstopmode -halt-on-error \
			lguest.tex >console.txt 2>&1 || { grep -A3 -E '^[^ ]+:[0-9]+: ' \
			lguest.log | $(TEX_TO_BOOK) >&2; exit 1; }; \
		after=$$(cat lguest.aux lguest.toc lguest.out 2>/dev/null | cksum); \
		[ "$$before" != "$$after" ] || break; \
	done
	cd $(BOOK)/tex && if grep -qE 'undefined|Rerun to get' lguest.log; then \
		grep -E 'undefined|Rerun to get' lguest.log | sed \
		's/^\(.*\) on input line \([0-9]*\)\.$$/chapters.tex:\2: \1/' | \
		$(TEX_TO_BOOK) >&2; exit 1; fi
	cp $(BOOK)/tex/lguest.pdf $@

# chapters/12-building.nw, Weaving: the book on paper and on screen:
# <<Make each page of the tour, and print a stage's text>>
$(BOOK)/html/%.html: $(BOOK)/html/woven styles/page.html $(FILL) $(BENCH_TABLE)
	TEXINPUTS=$(BOOK)/bench: pandoc -f latex -t html5 --template=styles/page.html \
		--top-level-division=chapter -o $(BOOK)/pandoc/$*.html \
		$(BOOK)/pandoc/$*.tex
	$(FILL) $(BOOK)/pandoc/parts $(BOOK)/pandoc/$*.html $@

# make Guest (and the other stages): that stage's page, and its text here.
$(STAGES):
	@page=$$(echo $@ | tr 'A-Z' 'a-z'); \
	$(MAKE) --no-print-directory $(BOOK)/html/$$page.html \
		$(BOOK)/html/book.css $(FIGURE_SVGS) >&2 && \
	sed '/<nav class="pages">/d' $(BOOK)/html/$$page.html | \
		pandoc -f html -t plain --tab-stop=8 --columns=78

# chapters/12-building.nw, The programs: <<Run the benchmarks>>
# Measurements: every benchmark natively and under lguest, in instructions
# and in wall-clock time (see "Measurements" in Mastery); BENCH=a,b runs
# some of them, BENCH_CPU chooses the processor model (max), BENCH_LG
# gives lg.ko parameters (BENCH_LG=fast_faults=0).
bench: $(BUILD)/initramfs.cpio.gz $(BUILD)/guest-native.elf | $(SETUP)/plotting.done
	BUILD=$(BUILD) FLAVOUR=$(FLAVOUR) BENCH=$(BENCH) BENCH_CPU=$(BENCH_CPU) \
		BENCH_LG="$(BENCH_LG)" sh src/bench/run.sh

# chapters/12-building.nw, The test harness: <<Run every test>>
# The one test command.
check: $(TANGLE) $(WEAVE) $(FILL) $(LINES) | $(SETUP)/qemu.done $(SETUP)/kernel.done \
		$(SETUP)/typesetting.done $(SETUP)/plotting.done $(SETUP)/debug.done
	BUILD=$(BUILD) sh tests/check

# chapters/12-building.nw, The programs: <<Check the exercises>>
# The exercises (see "Exercises" in Preparation and exercises/README.md):
# make exercise 4.3 checks one (or several), make grade checks them all
# and prints a score, and make check-exercises proves every checker both
# ways: it fails on the book as written and passes with its solution.
ifneq ($(filter exercise,$(MAKECMDGOALS)),)
EXERCISE_NUMBERS := $(filter-out exercise,$(MAKECMDGOALS))
$(EXERCISE_NUMBERS): exercise ; @:
endif

exercise: $(TANGLE) | $(SETUP)/qemu.done $(SETUP)/kernel.done
	@[ -n "$(EXERCISE_NUMBERS)" ] || { echo "usage: make exercise N.M" >&2; exit 2; }
	@BUILD=$(BUILD) sh exercises/grade $(EXERCISE_NUMBERS)

grade: $(TANGLE) | $(SETUP)/qemu.done $(SETUP)/kernel.done
	@BUILD=$(BUILD) sh exercises/grade

check-exercises: $(TANGLE) | $(SETUP)/qemu.done $(SETUP)/kernel.done
	BUILD=$(BUILD) sh tests/exercises.sh

# chapters/12-building.nw, The programs: <<Remove what was built>>
clean:
	rm -rf $(BUILD)/host $(BUILD)/tangle $(BUILD)/tests $(BUILD)/lg.ko \
		$(BUILD)/user \
		$(BUILD)/lguest $(BUILD)/guest.elf $(BUILD)/guest-native.elf \
		$(BUILD)/initramfs.cpio.gz $(BUILD)/tangled $(BUILD)/bench $(BOOK) \
		$(BUILD)/gdb.port
