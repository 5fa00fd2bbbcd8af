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
# program is made from its .c file, never from something else's), and the archive of its
# exercise's library if it has one (day1-fileio's copy calls lab_write_all from libfileio.a).
%:: %.c $(wildcard *.h) $(wildcard ../common/*.h)
	$(CC) $(CFLAGS) -o $@ $< $(filter %.a,$^) $(LDLIBS)

# In an exercise with a library and programs, each program links the library's archive.
$(PROGRAMS): $(LIBRARY)

# A library exercise's functions, as an archive the checker's harness links.
lib%.a: %.c $(wildcard *.h) $(wildcard ../common/*.h)
	$(CC) $(CFLAGS) -c -o $*.o $<
	ar rcs $@ $*.o

clean:
	rm -f $(PROGRAMS) $(LIBRARY) *.o

.PHONY: all clean
