#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Tangled from book.nw; edit the chapter, not this file.

# book.nw, A script: <<Run main>>
./main
