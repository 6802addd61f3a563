//go:build ignore

// gen writes the font subsets that package sign embeds, from the DejaVu
// fonts of Debian's fonts-dejavu-core package:
//
//	go run gen.go /usr/share/fonts/truetype/dejavu
//
// The subsets keep the characters of names written in Latin script across
// Europe (Basic Latin, Latin-1, Latin Extended-A, the Romanian comma
// letters) and common punctuation, without hinting: about a tenth of the
// full fonts, which matters because the wasm binary carries them.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/verso-pdf/verso/wasm/sign/internal/truetype"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run gen.go DEJAVU-DIR")
		os.Exit(2)
	}
	var runes []rune
	for r := rune(0x20); r <= 0x7E; r++ {
		runes = append(runes, r)
	}
	for r := rune(0xA0); r <= 0x17F; r++ {
		runes = append(runes, r)
	}
	runes = append(runes, 0x218, 0x219, 0x21A, 0x21B, // Ș ș Ț ț
		0x2010, 0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E,
		0x2022, 0x2026, 0x2039, 0x203A, 0x20AC, 0x2116, 0x2212)
	for _, name := range []string{"DejaVuSans", "DejaVuSans-Bold"} {
		data, err := os.ReadFile(filepath.Join(os.Args[1], name+".ttf"))
		if err != nil {
			fail(err)
		}
		f, err := truetype.Parse(data)
		if err != nil {
			fail(err)
		}
		s, err := f.Subset(runes)
		if err != nil {
			fail(err)
		}
		if err := os.WriteFile(name+"-subset.ttf", s.Font, 0o644); err != nil {
			fail(err)
		}
		fmt.Printf("%s: %d characters, %d glyphs, %d bytes\n", name, len(s.GID), len(s.Advance), len(s.Font))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
