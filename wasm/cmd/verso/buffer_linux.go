package main

import "syscall"

// fileBuffer returns size bytes of private memory to read a file into, and
// the function that frees it. On Linux it asks for huge pages: a 100 MB
// file then takes 50 page faults instead of 25,600, and reading it drops
// from about 0.3 s to well under 0.1 s on the benchmark machine. The bytes
// are a copy, as with make: a file that changes on disk while it is being
// verified cannot change what is verified.
func fileBuffer(size int) ([]byte, func()) {
	const hugePageSize = 2 << 20
	if size < hugePageSize {
		return make([]byte, size), func() {}
	}
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]byte, size), func() {}
	}
	_ = syscall.Madvise(b, 14) // MADV_HUGEPAGE; a hint, refused on some kernels
	return b, func() { _ = syscall.Munmap(b) }
}
