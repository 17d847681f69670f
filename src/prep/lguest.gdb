# SPDX-License-Identifier: GPL-2.0
# Tangled from chapters/13-debugging.nw; edit the chapter, not this file.
# lguest.gdb: gdb's view of the host, lg.ko, the Switcher and the guest.
set pagination off
set confirm off
set breakpoint pending on
set disassembly-flavor att
python
import gdb, os, subprocess
build = os.environ.get("BUILD", "build")

# chapters/13-debugging.nw, Symbols that are known before the machine runs:
# <<Python helpers for the commands>>
def word(addr):
    return int(gdb.parse_and_eval("*(unsigned int *)%d" % addr)) & 0xffffffff

def frame_guest():
    frame = gdb.selected_frame()
    while frame is not None:
        try:
            lg = frame.read_var("lg")
            if str(lg.type.strip_typedefs()) == "struct lguest *":
                return lg
        except (ValueError, RuntimeError):
            pass
        frame = frame.older()
    return None

# chapters/13-debugging.nw, Symbols that are known before the machine runs:
# <<Load the symbols of the host kernel and the guest>>
vmlinux = os.path.join(build, "kernel", "vmlinux")
if os.path.exists(vmlinux):
    gdb.execute("file " + vmlinux)
else:
    print("lguest.gdb: no %s (make gdb fetches it): "
          "no host symbols, and lg.ko's cannot be found" % vmlinux)
guest = os.path.join(build, "guest.elf")
if os.path.exists(guest):
    gdb.execute("add-symbol-file %s" % guest, to_string=True)

# chapters/13-debugging.nw, The module: <<Load lg.ko's symbols when the kernel loads it>>
def module_sections(mod):
    attrs = mod["sect_attrs"]
    found = {}
    for i in range(int(attrs["nsections"])):
        attr = attrs["attrs"][i]
        name = attr["battr"]["attr"]["name"].string()
        found[name] = int(attr["address"])
    return found

def load_lg(mod):
    sections = module_sections(mod)
    args = " ".join("-s %s 0x%x" % (name, addr)
                    for name, addr in sorted(sections.items())
                    if name != ".text" and addr)
    gdb.execute("add-symbol-file %s 0x%x %s" % (
        os.path.join(build, "lg.ko"), sections[".text"], args),
        to_string=True)
    print("lguest.gdb: lg.ko's symbols loaded, .text at 0x%x"
          % sections[".text"])

# chapters/13-debugging.nw, The module: <<Load lg.ko's symbols when the kernel loads it>>
class ModuleLoaded(gdb.Breakpoint):
    def stop(self):
        mod = gdb.parse_and_eval("mod")
        if mod["name"].string() == "lg":
            load_lg(mod)
        return False

if os.path.exists(vmlinux):
    ModuleLoaded("do_init_module", internal=True)

# chapters/13-debugging.nw, The Switcher's copy: <<Load the Switcher's symbols where its copy runs>>
def load_switcher():
    copy = int(gdb.parse_and_eval("(unsigned long)switcher_addr"))
    gdb.execute("add-symbol-file %s 0x%x" % (
        os.path.join(build, "host", "switcher.o"), copy), to_string=True)
    print("lguest.gdb: the Switcher's symbols loaded at 0x%x" % copy)

class SwitcherMapped(gdb.Breakpoint):
    def stop(self):
        load_switcher()
        return False

if os.path.exists(vmlinux):
    gdb.execute("python SwitcherMapped('lg_register_device', internal=True)",
                to_string=True)

# chapters/13-debugging.nw, The Switcher's copy: <<Load the Switcher's symbols where its copy runs>>
class LoadSwitcher(gdb.Command):
    """lg-switcher: load the Switcher's symbols at its copy."""
    def __init__(self):
        super().__init__("lg-switcher", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        load_switcher()

LoadSwitcher()

# chapters/13-debugging.nw, The guests: <<The command lg-guests>>
REGS = ("eax", "ebx", "ecx", "edx", "esi", "edi", "ebp",
        "eip", "cs", "eflags", "esp", "ss", "trapnum", "errcode")

def print_regs(regs):
    for i in range(0, len(REGS), 7):
        print("    " + "  ".join("%s %08x" % (r, int(regs[r]) & 0xffffffff)
                                 for r in REGS[i:i + 7]))

# chapters/13-debugging.nw, The guests: <<The command lg-guests>>
class Guests(gdb.Command):
    """lg-guests: each processor's last guest, and the frame's guest."""
    def __init__(self):
        super().__init__("lg-guests", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        base = int(gdb.parse_and_eval("(unsigned long)switcher_addr"))
        cpus = int(gdb.parse_and_eval("nr_cpu_ids"))
        for cpu in range(cpus):
            pages = gdb.parse_and_eval("(struct lguest_pages *)0x%x"
                                       % (base + (2 + 3 * cpu) * 4096))
            print("cpu %d: the guest last run here" % cpu)
            print_regs(pages["regs"])
        lg = frame_guest()
        if lg is None:
            print("no frame is working on a guest")
            return
        print("guest %d (struct lguest *)0x%x: memory 0x%x bytes at 0x%x%s"
              % (int(lg["id"]), int(lg), int(lg["mem_size"]),
                 int(lg["mem_base"]), ", dead" if lg["dead"] else ""))
        print_regs(lg["regs"])

Guests()

# chapters/13-debugging.nw, Why the guest came back: <<The command lg-exits>>
WHY = {32: "page faults", 33: "other traps", 34: "host interrupts"}

class Exits(gdb.Command):
    """lg-exits: how often, and why, the frame's guest came back."""
    def __init__(self):
        super().__init__("lg-exits", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        lg = gdb.parse_and_eval(arg) if arg else frame_guest()
        if lg is None:
            print("lg-exits: no frame is working on a guest; name one")
            return
        print("guest %d: %d exits" % (int(lg["id"]), int(lg["exits"])))
        counts = lg["exits_by_reason"]
        for why in range(counts.type.range()[1] + 1):
            n = int(counts[why])
            if n:
                print("  %8d  %s" % (n, WHY.get(why, "hypercall %d" % why)))

Exits()

# chapters/13-debugging.nw, One address through both page tables: <<The command lg-shadow>>
PAGE_OFFSET = 0xc0000000

def describe(entry):
    if not entry & 1:
        return "%08x (not present)" % entry
    flags = [f for bit, f in ((1, "rw"), (2, "user"), (5, "accessed"),
                              (6, "dirty"), (7, "4M")) if entry >> bit & 1]
    return "%08x -> page 0x%08x %s" % (entry, entry & ~0xfff, " ".join(flags))

def walk(read, root, va):
    pde = read(root + (va >> 22) * 4)
    print("    directory entry %3d: %s" % (va >> 22, describe(pde)))
    if pde & 1 and not pde & 0x80:
        pte = read((pde & ~0xfff) + (va >> 12 & 1023) * 4)
        print("    table entry     %3d: %s" % (va >> 12 & 1023, describe(pte)))

# chapters/13-debugging.nw, One address through both page tables: <<The command lg-shadow>>
class Shadow(gdb.Command):
    """lg-shadow ADDR: ADDR in the guest's page table and in its shadow."""
    def __init__(self):
        super().__init__("lg-shadow", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        va = int(gdb.parse_and_eval(arg)) & 0xffffffff
        lg = frame_guest()
        if lg is None:
            print("lg-shadow: stop in the Host, in a frame with a guest")
            return
        shadow = lg["shadow"]
        base = int(lg["mem_base"])
        print("guest %d, address 0x%08x" % (int(lg["id"]), va))
        print("  the guest's table (directory at gpa 0x%x):"
              % int(shadow["guest_cr3"]))
        try:
            walk(lambda gpa: word(base + gpa), int(shadow["guest_cr3"]), va)
        except gdb.MemoryError:
            print("    (guest memory is not mapped here)")
        print("  the shadow:")
        walk(lambda pa: word(pa + PAGE_OFFSET),
             int(shadow["pgd"]) - PAGE_OFFSET, va)

Shadow()

# chapters/13-debugging.nw, Where a line comes from: <<The command lg-where>>
class Where(gdb.Command):
    """lg-where: the chapter line that the current source line comes from."""
    def __init__(self):
        super().__init__("lg-where", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        pc = gdb.selected_frame().pc()
        sal = gdb.find_pc_line(pc)
        if sal.symtab is None:
            print("lg-where: no source line for 0x%x" % pc)
            return
        here = "%s:%d: here\n" % (sal.symtab.filename, sal.line)
        lines = subprocess.run(
            [os.path.join(build, "tangle", "lines"),
             os.path.join(build, "tangle", "lines.map")],
            input=here, capture_output=True, text=True)
        print(lines.stdout.strip() or lines.stderr.strip())

Where()

# chapters/13-debugging.nw, The guest's programs: <<The command lg-user>>
class User(gdb.Command):
    """lg-user NAME: load the symbols of the guest's program NAME."""
    def __init__(self):
        super().__init__("lg-user", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        gdb.execute("add-symbol-file %s"
                    % os.path.join(build, "user", arg + ".elf"))

User()
end
