package cms

import (
	"crypto/elliptic"
	"encoding/asn1"
	"math/big"
)

// crypto/x509 does not know the Brainpool curves (RFC 5639), which
// European qualified signatures use. This file gives crypto/ecdsa, whose
// VerifyASN1 still accepts a custom elliptic.Curve, an implementation of
// the r1 curves. It serves verification only: plain math/big affine
// arithmetic, neither fast nor constant time, which public data allows.

// weierstrass is y² = x³ + ax + b over GF(p). The embedded CurveParams
// carries p, n, b, G and the name; its own arithmetic, which assumes
// a = -3, is never used.
type weierstrass struct {
	params *elliptic.CurveParams
	a      *big.Int
}

func hexInt(s string) *big.Int {
	n, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("cms: bad curve constant")
	}
	return n
}

func newWeierstrass(name string, bits int, p, a, b, gx, gy, n string) *weierstrass {
	return &weierstrass{
		params: &elliptic.CurveParams{
			Name: name, BitSize: bits,
			P: hexInt(p), N: hexInt(n), B: hexInt(b), Gx: hexInt(gx), Gy: hexInt(gy),
		},
		a: hexInt(a),
	}
}

var brainpoolCurves = map[string]*weierstrass{
	"1.3.36.3.3.2.8.1.1.7": newWeierstrass("brainpoolP256r1", 256,
		"a9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377",
		"7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9",
		"26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6",
		"8bd2aeb9cb7e57cb2c4b482ffc81b7afb9de27e1e3bd23c23a4453bd9ace3262",
		"547ef835c3dac4fd97f8461a14611dc9c27745132ded8e545c1d54c72f046997",
		"a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7"),
	"1.3.36.3.3.2.8.1.1.11": newWeierstrass("brainpoolP384r1", 384,
		"8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b412b1da197fb71123acd3a729901d1a71874700133107ec53",
		"7bc382c63d8c150c3c72080ace05afa0c2bea28e4fb22787139165efba91f90f8aa5814a503ad4eb04a8c7dd22ce2826",
		"04a8c7dd22ce28268b39b55416f0447c2fb77de107dcd2a62e880ea53eeb62d57cb4390295dbc9943ab78696fa504c11",
		"1d1c64f068cf45ffa2a63a81b7c13f6b8847a3e77ef14fe3db7fcafe0cbd10e8e826e03436d646aaef87b2e247d4af1e",
		"8abe1d7520f9c2a45cb1eb8e95cfd55262b70b29feec5864e19c054ff99129280e4646217791811142820341263c5315",
		"8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b31f166e6cac0425a7cf3ab6af6b7fc3103b883202e9046565"),
	"1.3.36.3.3.2.8.1.1.13": newWeierstrass("brainpoolP512r1", 512,
		"aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca703308717d4d9b009bc66842aecda12ae6a380e62881ff2f2d82c68528aa6056583a48f3",
		"7830a3318b603b89e2327145ac234cc594cbdd8d3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94ca",
		"3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94cadc083e67984050b75ebae5dd2809bd638016f723",
		"81aee4bdd82ed9645a21322e9c4c6a9385ed9f70b5d916c1b43b62eef4d0098eff3b1f78e2d0d48d50d1687b93b97d5f7c6d5047406a5e688b352209bcb9f822",
		"7dde385d566332ecc0eabfa9cf7822fdf209f70024a57b1aa000c55b881f8111b2dcde494a5f485e5bca4bd88a2763aed1ca2b2fa8f0540678cd1e0f3ad80892",
		"aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870553e5c414ca92619418661197fac10471db1d381085ddaddb58796829ca90069"),
}

func brainpoolCurve(oid asn1.ObjectIdentifier) (*weierstrass, bool) {
	c, ok := brainpoolCurves[oid.String()]
	return c, ok
}

func (c *weierstrass) Params() *elliptic.CurveParams { return c.params }

// IsOnCurve reports whether (x, y) is a point of the curve other than
// the point at infinity.
func (c *weierstrass) IsOnCurve(x, y *big.Int) bool {
	p := c.params.P
	if x.Sign() < 0 || x.Cmp(p) >= 0 || y.Sign() < 0 || y.Cmp(p) >= 0 {
		return false
	}
	lhs := new(big.Int).Mul(y, y)
	lhs.Mod(lhs, p)
	rhs := new(big.Int).Mul(x, x)
	rhs.Add(rhs, c.a)
	rhs.Mul(rhs, x)
	rhs.Add(rhs, c.params.B)
	rhs.Mod(rhs, p)
	return lhs.Cmp(rhs) == 0
}

// The point at infinity is (0, 0), as crypto/elliptic represents it; (0, 0)
// is not on these curves since b ≠ 0.
func isInfinity(x, y *big.Int) bool { return x.Sign() == 0 && y.Sign() == 0 }

func (c *weierstrass) Add(x1, y1, x2, y2 *big.Int) (*big.Int, *big.Int) {
	p := c.params.P
	switch {
	case isInfinity(x1, y1):
		return new(big.Int).Set(x2), new(big.Int).Set(y2)
	case isInfinity(x2, y2):
		return new(big.Int).Set(x1), new(big.Int).Set(y1)
	case x1.Cmp(x2) == 0:
		if y1.Cmp(y2) == 0 && y1.Sign() != 0 {
			return c.Double(x1, y1)
		}
		return new(big.Int), new(big.Int)
	}
	// λ = (y2 - y1) / (x2 - x1)
	num := new(big.Int).Sub(y2, y1)
	den := new(big.Int).Sub(x2, x1)
	den.Mod(den, p)
	den.ModInverse(den, p)
	lambda := num.Mul(num, den)
	lambda.Mod(lambda, p)
	return c.finish(lambda, x1, y1, x2)
}

func (c *weierstrass) Double(x1, y1 *big.Int) (*big.Int, *big.Int) {
	p := c.params.P
	if isInfinity(x1, y1) || y1.Sign() == 0 {
		return new(big.Int), new(big.Int)
	}
	// λ = (3x² + a) / 2y
	num := new(big.Int).Mul(x1, x1)
	num.Mul(num, big.NewInt(3))
	num.Add(num, c.a)
	den := new(big.Int).Lsh(y1, 1)
	den.Mod(den, p)
	den.ModInverse(den, p)
	lambda := num.Mul(num, den)
	lambda.Mod(lambda, p)
	return c.finish(lambda, x1, y1, x1)
}

// finish computes x3 = λ² - x1 - x2, y3 = λ(x1 - x3) - y1.
func (c *weierstrass) finish(lambda, x1, y1, x2 *big.Int) (*big.Int, *big.Int) {
	p := c.params.P
	x3 := new(big.Int).Mul(lambda, lambda)
	x3.Sub(x3, x1)
	x3.Sub(x3, x2)
	x3.Mod(x3, p)
	y3 := new(big.Int).Sub(x1, x3)
	y3.Mul(y3, lambda)
	y3.Sub(y3, y1)
	y3.Mod(y3, p)
	return x3, y3
}

func (c *weierstrass) ScalarMult(x1, y1 *big.Int, k []byte) (*big.Int, *big.Int) {
	x, y := new(big.Int), new(big.Int)
	for _, b := range k {
		for bit := 7; bit >= 0; bit-- {
			x, y = c.Double(x, y)
			if b>>bit&1 == 1 {
				x, y = c.Add(x, y, x1, y1)
			}
		}
	}
	return x, y
}

func (c *weierstrass) ScalarBaseMult(k []byte) (*big.Int, *big.Int) {
	return c.ScalarMult(c.params.Gx, c.params.Gy, k)
}
