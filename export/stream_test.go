package export_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/actorgraph/actorgraph/export"
)

// heapWatch is an io.Writer that discards what it is given and measures,
// every so many bytes, the live heap (after a collection) above base.
type heapWatch struct {
	base, every, written, next int64
	peak                       int64 // most live heap above base seen
}

func (h *heapWatch) Write(p []byte) (int, error) {
	h.written += int64(len(p))
	if h.written >= h.next {
		h.next = h.written + h.every
		h.measure()
	}
	return len(p), nil
}

func (h *heapWatch) measure() {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	h.peak = max(h.peak, int64(m.HeapAlloc)-h.base)
}

// liveHeap is the heap in use after a collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// Write streams: while it writes, the heap holds the export's Data, the
// index of claims, articles and actors the writers look things up in, and
// one node, edge or row at a time. The live heap is measured every MiB
// written (after a collection); what it holds beyond the Data must stay
// below the size of the Data itself, however large the file. A writer that
// built the file, or the whole network of nodes and edges, in memory first
// would hold several times the Data: the network formats are 3-10 times
// its size. Sizes, not times: it holds on any machine. (The claims files
// are read from the store a batch at a time: TestClaimsFilesStream.)
func TestWriteHoldsLittleBeyondTheData(t *testing.T) {
	s := memGraph(t, 300, 5)
	for _, mode := range export.ClaimsModes {
		before := liveHeap()
		d, err := export.Collect(context.Background(), s, export.Request{Claims: mode})
		if err != nil {
			t.Fatal(err)
		}
		data := liveHeap() - before
		for _, f := range export.Formats {
			if f.Files() {
				continue
			}
			h := &heapWatch{every: 1 << 20}
			h.base = liveHeap()
			if err := export.Write(h, f, d); err != nil {
				t.Fatalf("%s, claims on %s: %v", f, mode, err)
			}
			h.measure()
			t.Logf("%s, claims on %s: %d bytes written from %d bytes of data, holding at most %d bytes more", f, mode, h.written, data, h.peak)
			if h.peak >= data {
				t.Errorf("%s, claims on %s: %d bytes of heap held beyond the %d bytes of data while writing %d bytes", f, mode, h.peak, data, h.written)
			}
		}
		runtime.KeepAlive(d)
	}
}
