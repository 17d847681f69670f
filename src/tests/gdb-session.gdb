# Tangled from chapters/13-debugging.nw; edit the chapter, not this file.
# gdb-session.gdb: the worked session of "Debugging the hypervisor".
break do_hypercall
continue
bt 5
lg-guests
lg-exits
lg-shadow 0x100000
lg-where
delete
break return_to_host
continue
info symbol $pc
x/5x $esp
stepi
delete
break process_trap if tf->vector == 14
continue
bt
print/x *tf
lg-where
kill
