//go:build !linux

package main

// fileBuffer returns size bytes to read a file into and the function that
// frees it (buffer_linux.go asks for huge pages).
func fileBuffer(size int) ([]byte, func()) { return make([]byte, size), func() {} }
