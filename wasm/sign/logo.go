package sign

import (
	"fmt"
	"strings"
)

// smartIDLogo draws the method symbol for Smart-ID at (x, y), size points
// square: a phone with a check mark in a rounded tile. It is the project's
// own drawing, not the Smart-ID trademark artwork; the word "Smart-ID" set
// beside it in the entry's font names the method.
func smartIDLogo(b *strings.Builder, x, y, size float64) {
	s := size / 24
	fmt.Fprintf(b, "q %s 0 0 %s %s %s cm\n", num(s), num(s), num(x), num(y))
	b.WriteString("0.0 0.55 0.51 rg\n")
	roundedRect(b, 0, 0, 24, 24, 5)
	b.WriteString("f\n1 1 1 RG 1.5 w 1 J 1 j\n")
	roundedRect(b, 7.25, 3.5, 9.5, 17, 2)
	b.WriteString("S\n1 1 1 rg\n")
	circle(b, 12, 6, 0.9)
	b.WriteString("f\n1.6 w 9.4 13.2 m 11.3 11.2 l 14.8 15.3 l S\nQ\n")
}

// kappa places Bézier control points for quarter circles.
const kappa = 0.5523

// roundedRect appends the path of a rectangle with corner radius r.
func roundedRect(b *strings.Builder, x, y, w, h, r float64) {
	k := r * kappa
	fmt.Fprintf(b, "%s %s m\n", num(x+r), num(y))
	fmt.Fprintf(b, "%s %s l\n", num(x+w-r), num(y))
	fmt.Fprintf(b, "%s %s %s %s %s %s c\n", num(x+w-r+k), num(y), num(x+w), num(y+r-k), num(x+w), num(y+r))
	fmt.Fprintf(b, "%s %s l\n", num(x+w), num(y+h-r))
	fmt.Fprintf(b, "%s %s %s %s %s %s c\n", num(x+w), num(y+h-r+k), num(x+w-r+k), num(y+h), num(x+w-r), num(y+h))
	fmt.Fprintf(b, "%s %s l\n", num(x+r), num(y+h))
	fmt.Fprintf(b, "%s %s %s %s %s %s c\n", num(x+r-k), num(y+h), num(x), num(y+h-r+k), num(x), num(y+h-r))
	fmt.Fprintf(b, "%s %s l\n", num(x), num(y+r))
	fmt.Fprintf(b, "%s %s %s %s %s %s c h\n", num(x), num(y+r-k), num(x+r-k), num(y), num(x+r), num(y))
}

// circle appends the path of a circle.
func circle(b *strings.Builder, cx, cy, r float64) {
	k := r * kappa
	fmt.Fprintf(b, "%s %s m\n", num(cx+r), num(cy))
	fmt.Fprintf(b, "%s %s %s %s %s %s c\n", num(cx+r), num(cy+k), num(cx+k), num(cy+r), num(cx), num(cy+r))
	fmt.Fprintf(b, "%s %s %s %s %s %s c\n", num(cx-k), num(cy+r), num(cx-r), num(cy+k), num(cx-r), num(cy))
	fmt.Fprintf(b, "%s %s %s %s %s %s c\n", num(cx-r), num(cy-k), num(cx-k), num(cy-r), num(cx), num(cy-r))
	fmt.Fprintf(b, "%s %s %s %s %s %s c h\n", num(cx+k), num(cy-r), num(cx+r), num(cy-k), num(cx+r), num(cy))
}

// num writes a coordinate with at most three decimals.
func num(f float64) string {
	s := fmt.Sprintf("%.3f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}
