package server

import (
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// metrics counts API requests and their latencies per route and status
// class. It holds no personal data: routes are patterns, not paths.
// On Workers each request sees a fresh instance, so use Cloudflare's
// analytics there.
type metrics struct {
	mu     sync.Mutex
	routes map[string]*routeStats
}

type routeStats struct {
	counts    map[string]int64 // by status class: 2xx, 4xx, …
	latencies []time.Duration  // a ring of the latest samples
	next      int
}

// latencySamples is how many latencies a route keeps for percentiles.
const latencySamples = 1024

func newMetrics() *metrics { return &metrics{routes: map[string]*routeStats{}} }

func (m *metrics) observe(route string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.routes[route]
	if !ok {
		r = &routeStats{counts: map[string]int64{}}
		m.routes[route] = r
	}
	r.counts[string(rune('0'+status/100))+"xx"]++
	if len(r.latencies) < latencySamples {
		r.latencies = append(r.latencies, d)
	} else {
		r.latencies[r.next] = d
		r.next = (r.next + 1) % latencySamples
	}
}

// routeReport is one route in GET /api/v1/metrics.
type routeReport struct {
	Requests map[string]int64 `json:"requests"`
	P50ms    float64          `json:"p50_ms"`
	P99ms    float64          `json:"p99_ms"`
}

func (m *metrics) serve(c echo.Context) error {
	m.mu.Lock()
	out := make(map[string]routeReport, len(m.routes))
	for name, r := range m.routes {
		lat := append([]time.Duration(nil), r.latencies...)
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		counts := make(map[string]int64, len(r.counts))
		for k, v := range r.counts {
			counts[k] = v
		}
		out[name] = routeReport{Requests: counts, P50ms: pct(lat, 0.50), P99ms: pct(lat, 0.99)}
	}
	m.mu.Unlock()
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, map[string]any{"routes": out})
}

func pct(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return float64(sorted[int(p*float64(len(sorted)-1))].Microseconds()) / 1000
}
