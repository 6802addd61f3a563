package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/verso-pdf/verso/wasm/sign"
)

// Signature levels of ETSI EN 319 142-1, each one more step of signFlow.
const (
	levelB   = "B-B"
	levelT   = "B-T"
	levelLT  = "B-LT"
	levelLTA = "B-LTA"
)

var levels = []string{levelB, levelT, levelLT, levelLTA}

// signArgs is a parsed command line of verso sign.
type signArgs struct {
	relay, identity string
	marks           []sign.Mark
	level           string
	signers         int
	timeout         time.Duration
	in, out         string
}

const signUsage = `Usage: verso sign --relay URL --identity PNOxx-… [--mark PAGE:X:Y]... [--level B-B|B-T|B-LT|B-LTA] IN.pdf OUT.pdf

Signs IN.pdf with Smart-ID through a verso relay, as the sign page does:
only the signed attributes (a digest) go to the relay; the PDF stays here.
The person is notified on their phone and confirms with PIN2.

  --relay URL        the relay, e.g. https://verso.example (default $VERSO_RELAY)
  --identity ID      the signer's national identity, e.g. PNOEE-40504040001
  --mark PAGE:X:Y    a mark "Signature: see last page (A)" on PAGE (from 1) with its
                     lower-left corner X, Y points from the page's lower-left corner;
                     repeat for more marks
  --level LEVEL      B-B, B-T (timestamp), B-LT (and validation data; the default)
                     or B-LTA (and a document timestamp)
  --signers N        the first signer makes room for N signers (6 per page)
  --timeout D        how long to wait for the signer (default 3m)
`

// parseSignArgs reads flags and the two file names, in any order.
func parseSignArgs(args []string, stderr io.Writer) (*signArgs, error) {
	a := &signArgs{level: levelLT, timeout: 3 * time.Minute}
	fs := flag.NewFlagSet("sign", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.relay, "relay", os.Getenv("VERSO_RELAY"), "")
	fs.StringVar(&a.identity, "identity", "", "")
	fs.StringVar(&a.level, "level", levelLT, "")
	fs.IntVar(&a.signers, "signers", 0, "")
	fs.DurationVar(&a.timeout, "timeout", a.timeout, "")
	fs.Func("mark", "", func(v string) error {
		m, err := parseMark(v)
		if err == nil {
			a.marks = append(a.marks, m)
		}
		return err
	})
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case len(files) != 2:
		return nil, errors.New("give the input and the output PDF")
	case a.relay == "":
		return nil, errors.New("--relay is missing (or set VERSO_RELAY)")
	case a.identity == "":
		return nil, errors.New("--identity is missing: the signer's identity, e.g. PNOEE-40504040001")
	case !validLevel(a.level):
		return nil, fmt.Errorf("--level %q: use one of %s", a.level, strings.Join(levels, ", "))
	case a.timeout <= 0:
		return nil, errors.New("--timeout must be positive")
	case a.signers < 0 || a.signers > sign.MaxSigners:
		return nil, fmt.Errorf("--signers must be between 1 and %d", sign.MaxSigners)
	case len(a.marks) > sign.MaxMarks:
		return nil, fmt.Errorf("at most %d marks", sign.MaxMarks)
	}
	a.identity = strings.ToUpper(strings.TrimSpace(a.identity))
	a.in, a.out = files[0], files[1]
	return a, nil
}

func validLevel(l string) bool {
	for _, v := range levels {
		if v == l {
			return true
		}
	}
	return false
}

// atLeast reports whether level l includes level min.
func atLeast(l, min string) bool {
	rank := func(s string) int {
		for i, v := range levels {
			if v == s {
				return i
			}
		}
		return -1
	}
	return rank(l) >= rank(min)
}

// parseMark reads PAGE:X:Y.
func parseMark(v string) (sign.Mark, error) {
	parts := strings.Split(v, ":")
	if len(parts) != 3 {
		return sign.Mark{}, fmt.Errorf("mark %q: write PAGE:X:Y, e.g. 1:400:40", v)
	}
	page, err := strconv.Atoi(parts[0])
	if err != nil || page < 1 {
		return sign.Mark{}, fmt.Errorf("mark %q: the page must be a number from 1", v)
	}
	x, errX := strconv.ParseFloat(parts[1], 64)
	y, errY := strconv.ParseFloat(parts[2], 64)
	if errX != nil || errY != nil || math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) || x < 0 || y < 0 {
		return sign.Mark{}, fmt.Errorf("mark %q: X and Y must be points from the lower-left corner, 0 or more", v)
	}
	return sign.Mark{Page: page, X: x, Y: y}, nil
}

func signCommand(args []string, stdout, stderr io.Writer) int {
	a, err := parseSignArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, signUsage)
		return exitValid
	}
	if err != nil {
		fmt.Fprintf(stderr, "verso sign: %v\n\n%s", err, signUsage)
		return exitCannot
	}
	in, err := readLimited(a.in, sign.MaxInputSize)
	if err != nil {
		fmt.Fprintf(stderr, "verso sign: %v\n", err)
		return exitCannot
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, a.timeout)
	defer cancel()
	relay, err := newRelayClient(a.relay)
	if err != nil {
		fmt.Fprintf(stderr, "verso sign: %v\n", err)
		return exitCannot
	}
	res, err := signFlow(ctx, relay, in, a, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "verso sign: %v\n", err)
		return exitNotValid
	}
	if err := writeAtomically(a.out, res.pdf); err != nil {
		fmt.Fprintf(stderr, "verso sign: %v\n", err)
		return exitCannot
	}
	fmt.Fprintf(stdout, "%s: %s\n", a.out, res.summary)
	for _, n := range res.notes {
		fmt.Fprintf(stderr, "verso sign: note: %s\n", n)
	}
	return exitValid
}

// readLimited reads a file of at most limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d MB, more than verso signs", path, limit>>20)
	}
	return data, nil
}

// writeAtomically writes data next to path and renames it into place, so
// that an interrupted run leaves no half-written PDF (and IN may be OUT).
func writeAtomically(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".verso-sign-*.pdf")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
