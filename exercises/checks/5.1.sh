# 5.1 Count the hypercalls: the module parameter hypercalls around one guest (hcalls=1000).
limit=15
counter_rises hypercalls
