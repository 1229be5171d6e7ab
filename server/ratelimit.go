package server

import (
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"
)

// failureLimiter limits failed authentication attempts per client with a
// token bucket: a client starts with burst attempts and earns one back
// every interval. An attempt is taken before the token is checked and
// given back if the token was good, so a client with nothing left is
// refused before any lookup or hashing, and parallel requests cannot
// overdraw the bucket.
type failureLimiter struct {
	burst    float64
	interval time.Duration
	now      func() time.Time

	mu      sync.Mutex
	buckets map[netip.Prefix]bucket
}

type bucket struct {
	left float64   // attempts left at `at`
	at   time.Time // when left was computed
}

// maxClients bounds the buckets kept. Past it, full buckets (clients
// whose failures are forgiven) are dropped first, then a tenth of the
// rest at random: an attacker with that many addresses gains a fresh
// burst on some of them, and memory stays bounded.
const maxClients = 100000

func newFailureLimiter(burst int, interval time.Duration, now func() time.Time) *failureLimiter {
	return &failureLimiter{burst: float64(burst), interval: interval, now: now, buckets: map[netip.Prefix]bucket{}}
}

// refill returns b as of now.
func (l *failureLimiter) refill(b bucket, now time.Time) bucket {
	if earned := now.Sub(b.at); earned > 0 {
		b.left = min(l.burst, b.left+float64(earned)/float64(l.interval))
	}
	b.at = now
	return b
}

// take reserves one attempt for the client. When none is left it returns
// false and how long until the next one.
func (l *failureLimiter) take(client netip.Prefix) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[client]
	if !ok {
		if len(l.buckets) >= maxClients {
			l.evict(now)
		}
		b = bucket{left: l.burst, at: now}
	}
	b = l.refill(b, now)
	if b.left < 1 {
		l.buckets[client] = b
		return false, time.Duration((1 - b.left) * float64(l.interval))
	}
	b.left--
	l.buckets[client] = b
	return true, 0
}

// giveBack returns the attempt take reserved: the token was good, or the
// check failed for a reason that is not the client's (the store was down).
func (l *failureLimiter) giveBack(client netip.Prefix) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if b, ok := l.buckets[client]; ok {
		b = l.refill(b, now)
		b.left = min(l.burst, b.left+1)
		l.buckets[client] = b
	}
}

func (l *failureLimiter) evict(now time.Time) {
	for k, b := range l.buckets {
		if l.refill(b, now).left >= l.burst {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < maxClients*9/10 {
			break
		}
		delete(l.buckets, k)
	}
}

// retryAfterSeconds formats a wait for the Retry-After header: whole
// seconds, rounded up, at least one.
func retryAfterSeconds(d time.Duration) string {
	return strconv.FormatInt(max(int64((d+time.Second-1)/time.Second), 1), 10)
}

// maxForwardedHops bounds how much of X-Forwarded-For is read.
const maxForwardedHops = 32

// clientPrefix is the address a request's failures are counted against:
// the peer's address; or, when the peer is one of the trusted proxies,
// the first address in X-Forwarded-For, read from the right, that is not
// a trusted proxy (each proxy appends the address it was called from, so
// only the entries from the right up to the first untrusted one can be
// believed). IPv6 clients are counted per /64, the block one subscriber
// usually has; IPv4 clients per address. A peer address that cannot be
// read counts against one shared bucket.
func clientPrefix(r *http.Request, trusted []netip.Prefix) netip.Prefix {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Prefix{}
	}
	addr := ap.Addr().Unmap()
	if isTrusted(addr, trusted) {
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i, n := len(hops)-1, 0; i >= 0 && n < maxForwardedHops; i, n = i-1, n+1 {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break
			}
			addr = a.Unmap()
			if !isTrusted(addr, trusted) {
				break
			}
		}
	}
	bits := 32
	if addr.Is6() {
		bits = 64
	}
	p, _ := addr.WithZone("").Prefix(bits)
	return p
}

// clientString prints a client for the log: an IPv4 address alone, an
// IPv6 client as its /64.
func clientString(p netip.Prefix) string {
	if p.Addr().Is4() {
		return p.Addr().String()
	}
	return p.String()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ParseTrustedProxies reads addresses and CIDR blocks ("10.0.0.0/8",
// "127.0.0.1", "::1").
func ParseTrustedProxies(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is neither an address nor a CIDR block", s)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}
