package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/verso-pdf/verso/wasm/trust/tsl"
)

// maxFetch bounds a downloaded list, as tsl.MaxListSize bounds a parsed one.
const maxFetch = tsl.MaxListSize + 1

// trustCommand runs `verso trust build`.
func trustCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "build" {
		fmt.Fprintln(stderr, "usage: verso trust build --lotl FILE|URL [--list FILE|URL]... [--pin SHA256]... -o BUNDLE")
		return exitCannot
	}
	fs := flag.NewFlagSet("trust build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lotlSrc := fs.String("lotl", "https://ec.europa.eu/tools/lotl/eu-lotl.xml", "the EU list of trusted lists, a file or URL")
	out := fs.String("o", "", "where to write the bundle (gzip JSON)")
	var lists, pins multi
	fs.Var(&lists, "list", "a national list, file or URL (repeatable); without any, every list the LOTL points to is fetched")
	fs.Var(&pins, "pin", "SHA-256 of an allowed LOTL signing certificate (repeatable); adds to the built-in set")
	if err := fs.Parse(args[1:]); err != nil {
		return exitCannot
	}
	if *out == "" {
		fmt.Fprintln(stderr, "verso trust build: -o BUNDLE is required")
		return exitCannot
	}
	start := time.Now()
	data, err := load(*lotlSrc)
	if err != nil {
		fmt.Fprintf(stderr, "verso trust build: %v\n", err)
		return exitCannot
	}
	lotl, err := tsl.ReadLOTL(data, append(tsl.LOTLSigners, pins...))
	if err != nil {
		fmt.Fprintf(stderr, "verso trust build: %v\n", err)
		return exitNotValid
	}
	fmt.Fprintf(stderr, "LOTL sequence %d of %s, signed by %s: verified\n", lotl.Sequence, lotl.Issued.Format(time.DateOnly), lotl.Signer.Subject.CommonName)
	if len(lists) == 0 {
		for _, p := range lotl.Pointers {
			if p.Territory != "EU" {
				lists = append(lists, p.Location)
			}
		}
	}
	var ok []*tsl.List
	refused := 0
	for _, src := range lists {
		data, err := load(src)
		if err == nil {
			var l *tsl.List
			if l, err = tsl.ReadList(data, lotl); err == nil {
				ok = append(ok, l)
				fmt.Fprintf(stderr, "%s list sequence %d of %s: verified\n", l.Territory, l.Sequence, l.Issued.Format(time.DateOnly))
				continue
			}
		}
		refused++
		fmt.Fprintf(stderr, "%s: REFUSED: %v\n", src, err)
	}
	b, err := tsl.Build(lotl, ok, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "verso trust build: %v\n", err)
		return exitCannot
	}
	gz, err := b.Marshal()
	if err == nil {
		err = os.WriteFile(*out, gz, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "verso trust build: %v\n", err)
		return exitCannot
	}
	fmt.Fprintf(stdout, "%s: %d lists, %d services, %d bytes, dated %s, built in %v\n",
		*out, len(ok), len(b.Services), len(gz), b.Date(), time.Since(start).Round(time.Millisecond))
	if refused > 0 {
		fmt.Fprintf(stderr, "%d list(s) refused and left out\n", refused)
		return exitNotValid
	}
	return exitValid
}

// load reads a file or fetches a URL.
func load(src string) ([]byte, error) {
	if !strings.HasPrefix(src, "https://") && !strings.HasPrefix(src, "http://") {
		return os.ReadFile(src)
	}
	c := &http.Client{Timeout: time.Minute}
	resp, err := c.Get(src)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %s", src, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxFetch))
	if err == nil && len(data) >= maxFetch {
		err = errors.New(src + ": larger than the list size limit")
	}
	return data, err
}

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }
