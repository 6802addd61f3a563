package pdf

import "math"

// Point is a position in a PDF coordinate space.
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle, X0 <= X1 and Y0 <= Y1 (PDF
// coordinates: y grows upwards).
type Rect struct{ X0, Y0, X1, Y1 float64 }

// Empty reports whether r has no area.
func (r Rect) Empty() bool { return !(r.X0 < r.X1 && r.Y0 < r.Y1) }

// Intersects reports whether r and s overlap with a positive area.
func (r Rect) Intersects(s Rect) bool { return !r.Intersect(s).Empty() }

// Intersect is the overlap of r and s (empty when they do not overlap).
func (r Rect) Intersect(s Rect) Rect {
	return Rect{max(r.X0, s.X0), max(r.Y0, s.Y0), min(r.X1, s.X1), min(r.Y1, s.Y1)}
}

// Union is the smallest rectangle that holds r and s. A rectangle with
// X0 > X1 (see emptyRect) is the identity.
func (r Rect) Union(s Rect) Rect {
	return Rect{min(r.X0, s.X0), min(r.Y0, s.Y0), max(r.X1, s.X1), max(r.Y1, s.Y1)}
}

// Contains reports whether p lies in r (edges included).
func (r Rect) Contains(p Point) bool {
	return p.X >= r.X0 && p.X <= r.X1 && p.Y >= r.Y0 && p.Y <= r.Y1
}

// emptyRect is the identity of Union: it holds nothing, and the union
// with any point is that point.
var emptyRect = Rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}

func (r Rect) addPoint(p Point) Rect {
	return Rect{min(r.X0, p.X), min(r.Y0, p.Y), max(r.X1, p.X), max(r.Y1, p.Y)}
}

// valid reports whether r has been given at least one point.
func (r Rect) valid() bool { return r.X0 <= r.X1 && r.Y0 <= r.Y1 }

// rectFrom reads a PDF rectangle array [llx lly urx ury] in any corner
// order (ISO 32000-2 7.9.5). ok is false unless there are four finite
// numbers.
func rectFrom(a []float64) (Rect, bool) {
	if len(a) != 4 {
		return Rect{}, false
	}
	for _, v := range a {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Rect{}, false
		}
	}
	return Rect{min(a[0], a[2]), min(a[1], a[3]), max(a[0], a[2]), max(a[1], a[3])}, true
}

// matrix is a PDF transformation [a b c d e f]: a point (x, y) maps to
// (a x + c y + e, b x + d y + f). mul(m, n) applies m first, then n, as
// "m n cm" composes in ISO 32000-2 8.3.4.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) Point {
	return Point{m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]}
}

// vector maps a displacement (no translation).
func (m matrix) vector(x, y float64) Point { return Point{m[0]*x + m[2]*y, m[1]*x + m[3]*y} }

// rect is the bounding box of r transformed by m.
func (m matrix) rect(r Rect) Rect {
	out := emptyRect
	for _, p := range [4]Point{m.apply(r.X0, r.Y0), m.apply(r.X1, r.Y0), m.apply(r.X0, r.Y1), m.apply(r.X1, r.Y1)} {
		out = out.addPoint(p)
	}
	return out
}

// finite reports whether every entry is a finite number; a matrix built
// from hostile numbers may overflow to Inf or NaN, and nothing derived
// from it is reported.
func (m matrix) finite() bool {
	for _, v := range m {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func hypot(p Point) float64 { return math.Hypot(p.X, p.Y) }
