# How every C exercise of the lab is built: by `make` in the exercise's folder, and by the
# checker, which builds a trusted copy of your sources with this file and its own CFLAGS
# (README, "The C track"). An exercise's Makefile names its programs and includes this file.
CC = cc
CFLAGS = -std=c17 -Wall -Wextra -g -O1
LDLIBS = -pthread

all: $(PROGRAMS) $(LIBRARY)

# The makefiles are never made from a source: a `Makefile.c` builds nothing over them.
Makefile ../common/lab.mk: ;

# A program: its own .c file, with every header of its folder and of common/ (terminal: a
# program is made from its .c file, never from something else's).
%:: %.c $(wildcard *.h) $(wildcard ../common/*.h)
	$(CC) $(CFLAGS) -o $@ $< $(LDLIBS)

# A library exercise's functions, as an archive the checker's harness links.
lib%.a: %.c $(wildcard *.h) $(wildcard ../common/*.h)
	$(CC) $(CFLAGS) -c -o $*.o $<
	ar rcs $@ $*.o

clean:
	rm -f $(PROGRAMS) $(LIBRARY) *.o

.PHONY: all clean
