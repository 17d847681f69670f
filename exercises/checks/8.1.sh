# 8.1 Count the world switches: the module parameter switches around one guest (hcalls=1000).
limit=15
counter_rises switches
