// Command verso verifies signed PDFs on the command line with the same
// pipeline that runs in the browser.
//
//	verso verify [--json] FILE...
//	verso sign --relay URL --identity PNOxx-… [--mark PAGE:X:Y]... IN.pdf OUT.pdf
//	verso revision FILE N > signed.pdf
//
// Exit status: 0 when every file's verdict is VALID, 1 for any other
// verdict, 2 when it could not run (usage, unreadable file).
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses of ARCHITECTURE.md ("Contracts").
const (
	exitValid    = 0
	exitNotValid = 1
	exitCannot   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitCannot
	}
	switch args[0] {
	case "verify":
		return verifyCommand(args[1:], stdout, stderr)
	case "sign":
		return signCommand(args[1:], stdout, stderr)
	case "trust":
		return trustCommand(args[1:], stdout, stderr)
	case "revision":
		return revisionCommand(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, versionLine())
		return exitValid
	case "help", "-h", "--help":
		usage(stdout)
		return exitValid
	}
	fmt.Fprintf(stderr, "verso: unknown command %q\n", args[0])
	usage(stderr)
	return exitCannot
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  verso verify [--json] FILE...   check every signature in each PDF
  verso sign --relay URL --identity PNOxx-… [--mark PAGE:X:Y]... [--level B-LT] IN.pdf OUT.pdf
                                  sign with Smart-ID through a relay (verso sign -h)
  verso trust build --lotl FILE|URL [--list FILE|URL]... -o BUNDLE
                                  verify the EU trusted lists, write a bundle
  verso revision FILE N           write what signature N signed (N from 1)
  verso version                   print the version

verify exits 0 when every file is VALID, 1 for any other verdict,
2 when it could not run.
`)
}
