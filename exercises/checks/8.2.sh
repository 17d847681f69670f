# 8.2 The Switcher keeps count: the module parameter switcher_entries around one guest (hcalls=1000).
limit=15
counter_rises switcher_entries
