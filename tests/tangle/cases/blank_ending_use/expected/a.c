  x
    y
 tail
