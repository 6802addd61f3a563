package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/verso-pdf/verso/wasm/verify"
)

// revisionCommand writes the revision that signature N signs: the document
// as its signer saw it. N counts from 1, as `verso verify` numbers them.
func revisionCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprintln(stderr, "usage: verso revision FILE N > signed.pdf")
		return exitCannot
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 1 {
		fmt.Fprintf(stderr, "verso revision: %q is not a signature number (1 is the first)\n", args[1])
		return exitCannot
	}
	data, free, err := readFile(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "verso revision: %v\n", err)
		return exitCannot
	}
	defer free() // after signed, a part of data, is written
	signed, err := verify.SignedRevision(data, n-1)
	if err != nil {
		fmt.Fprintf(stderr, "verso revision: %s: signature %d: %v\n", args[0], n, err)
		return exitCannot
	}
	if _, err := stdout.Write(signed); err != nil {
		fmt.Fprintf(stderr, "verso revision: %v\n", err)
		return exitCannot
	}
	return exitValid
}
