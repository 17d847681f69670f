echo written by hand
