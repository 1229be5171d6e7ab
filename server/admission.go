package server

import (
	"context"
	"errors"
	"time"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/graph"
)

// admission bounds the expensive operations (GraphQL operations costing
// at least Limits.ExpensiveCost, and exports) one server runs at once.
// Past MaxExpensive in flight, up to ExpensiveQueue more wait, each for at
// most ExpensiveWait; the rest are refused at once with code "overloaded"
// (HTTP 503 with Retry-After). Sixteen heavy neighbourhoods of the busiest
// actor at once had Neo4j fail some of them for want of memory; bounded,
// each is answered in time, with data or with "overloaded". Cheap
// operations are never held back.
type admission struct {
	slots chan struct{} // one token per operation in flight
	queue chan struct{} // one token per operation waiting
	wait  time.Duration
}

func newAdmission(l Limits) *admission {
	return &admission{
		slots: make(chan struct{}, l.MaxExpensive),
		queue: make(chan struct{}, l.ExpensiveQueue),
		wait:  l.ExpensiveWait,
	}
}

var errOverloaded = graph.Errorf(graph.EOVERLOADED, "the server is busy with other expensive requests; try again shortly")

// acquire takes a slot, waiting in the queue if there is room there. The
// returned release gives the slot back. The error is an *gqlerror.Error
// with code overloaded (or timeout, when ctx ends first).
func (a *admission) acquire(ctx context.Context) (release func(), err *gqlerror.Error) {
	release = func() { <-a.slots }
	select {
	case a.slots <- struct{}{}:
		return release, nil
	default:
	}
	select {
	case a.queue <- struct{}{}:
		defer func() { <-a.queue }()
	default:
		return nil, overloadedError()
	}
	t := time.NewTimer(a.wait)
	defer t.Stop()
	select {
	case a.slots <- struct{}{}:
		return release, nil
	case <-t.C:
		return nil, overloadedError()
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, newError(graph.ETIMEOUT, "the request ran past its time limit while waiting for capacity")
		}
		return nil, overloadedError()
	}
}

func overloadedError() *gqlerror.Error {
	return &gqlerror.Error{Message: errOverloaded.Message, Extensions: map[string]any{"code": graph.EOVERLOADED}, Err: errOverloaded}
}
