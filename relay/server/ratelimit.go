package server

import (
	"sync"
	"time"
)

// limiter is a token bucket per key: burst requests at once, refilled at
// burst per period. It remembers at most maxKeys keys; when full it
// forgets the fullest buckets first (they would allow a burst anyway).
//
// On Cloudflare Workers every request runs in a fresh instance, so this
// limits nothing there: use Cloudflare's rate limiting rules in front.
type limiter struct {
	mu      sync.Mutex
	burst   float64
	period  time.Duration
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxKeys bounds the limiter's memory (about 100 bytes a key).
const maxKeys = 100_000

func newLimiter(burst int, period time.Duration) *limiter {
	return &limiter{burst: float64(burst), period: period, buckets: map[string]*bucket{}}
}

// allow takes a token for key, reporting false when none is left.
func (l *limiter) allow(key string, now time.Time) bool {
	if l == nil || l.burst <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxKeys {
			l.sweep(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+l.burst*float64(now.Sub(b.at))/float64(l.period))
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// sweep forgets buckets that have refilled; if none has, half of them.
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if now.Sub(b.at) >= l.period {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < maxKeys/2 {
			break
		}
		delete(l.buckets, k)
	}
}
