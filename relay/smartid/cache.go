package smartid

import (
	"container/list"
	"crypto/sha256"
	"crypto/x509"
	"sync"
	"time"
)

// defaultCacheSize bounds the verified-certificate cache.
const defaultCacheSize = 1024

// certCache remembers certificates that passed every check of
// checkCertificate, keyed by SHA-256 over the level and the exact DER:
// only successes are stored, and a different byte gives a different key,
// so nothing an upstream sends can be taken for something verified.
// Validity dates are checked again on every hit (they depend on the
// time); a good OCSP answer is reused only until its own deadline.
// Bounded, least recently used out first.
type certCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *cacheEntry, most recent first
	byKey map[[32]byte]*list.Element
}

type cacheEntry struct {
	key   [32]byte
	chain []*x509.Certificate // above the certificate, up to the root
	// goodUntil is when the last good OCSP answer stops being reused.
	goodUntil time.Time
}

func newCertCache(max int) *certCache {
	return &certCache{max: max, order: list.New(), byKey: map[[32]byte]*list.Element{}}
}

func cacheKey(cert *x509.Certificate, level string) [32]byte {
	h := sha256.New()
	h.Write([]byte(level))
	h.Write([]byte{0})
	h.Write(cert.Raw)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// chain returns the verified chain of cert at level if it is cached and
// every certificate of it is valid at now.
func (c *certCache) chain(cert *x509.Certificate, level string, now time.Time) ([]*x509.Certificate, bool) {
	k := cacheKey(cert, level)
	c.mu.Lock()
	el, ok := c.byKey[k]
	if ok {
		c.order.MoveToFront(el)
	}
	c.mu.Unlock()
	if !ok {
		return nil, false
	}
	e := el.Value.(*cacheEntry)
	if !validAt(cert, now) {
		return nil, false
	}
	for _, ca := range e.chain {
		if !validAt(ca, now) {
			return nil, false
		}
	}
	return e.chain, true
}

func validAt(c *x509.Certificate, now time.Time) bool {
	return !now.Before(c.NotBefore) && !now.After(c.NotAfter)
}

// addChain records that cert passed checkCertificate at level.
func (c *certCache) addChain(cert *x509.Certificate, level string, chain []*x509.Certificate) {
	k := cacheKey(cert, level)
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[k]; ok {
		c.order.MoveToFront(el)
		return
	}
	c.byKey[k] = c.order.PushFront(&cacheEntry{key: k, chain: chain})
	for c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.byKey, old.Value.(*cacheEntry).key)
	}
}

// good reports whether a good OCSP answer about cert is still reused.
func (c *certCache) good(cert *x509.Certificate, level string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[cacheKey(cert, level)]
	return ok && now.Before(el.Value.(*cacheEntry).goodUntil)
}

// setGood records a good OCSP answer about a cached cert.
func (c *certCache) setGood(cert *x509.Certificate, level string, until time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[cacheKey(cert, level)]; ok {
		el.Value.(*cacheEntry).goodUntil = until
	}
}
