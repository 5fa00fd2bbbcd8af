# The messages only day1-endian's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

endian-machine-little = this machine is little-endian: 0x0102 sits in memory as { $bytes }
endian-machine-big = this machine is big-endian: 0x0102 sits in memory as { $bytes }
endian-sign-extension = wrong only from 0x8000_0000 up? That is sign extension: a right shift of a signed (i32) value copies the top bit into the bytes it frees. Shift u32 values.
endian-sign-extension-c = wrong only from 0x80000000 up? That is sign extension: a right shift of a signed value (an int or an int32_t) copies the top bit into the bytes it frees. Shift uint32_t values (cast first: `(uint32_t)x`).
endian-htons-unchanged = htons returned its input unchanged: on this little-endian host it must swap
