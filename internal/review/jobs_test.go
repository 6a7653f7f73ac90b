package review

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loop stands in for the app's UI goroutine: do queues functions and the
// test runs them in order on its own goroutine.
type loop struct{ fns chan func() }

func newLoop() *loop { return &loop{fns: make(chan func(), 64)} }

func (l *loop) do(f func()) { l.fns <- f }

// until runs queued functions until cond holds, or fails after a while.
func (l *loop) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond() {
		select {
		case f := <-l.fns:
			f()
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

type result struct {
	v   int
	err error
}

// TestLatestWins: a second job in a slot cancels the first, whose result
// is dropped; the slot reports once, with the second's.
func TestLatestWins(t *testing.T) {
	l := newLoop()
	j := NewJobs(2, l.do)
	var s Slot
	var got []result
	Start(j, &s, func(ctx context.Context) (int, error) {
		<-ctx.Done()
		return 1, ctx.Err()
	}, nil, func(v int, err error) { got = append(got, result{v, err}) })
	Start(j, &s, func(ctx context.Context) (int, error) {
		return 2, nil
	}, nil, func(v int, err error) { got = append(got, result{v, err}) })
	if !s.Busy() {
		t.Error("the slot is not busy")
	}
	l.until(t, "the second job", func() bool { return len(got) > 0 })
	j.Wait()
	for len(l.fns) > 0 {
		(<-l.fns)()
	}
	if len(got) != 1 || got[0].v != 2 || got[0].err != nil || s.Busy() {
		t.Errorf("reported %v, busy %v; want only the second job's result", got, s.Busy())
	}
}

// TestCancelAndDrop: Cancel reports the context's error; Drop reports
// nothing at all.
func TestCancelAndDrop(t *testing.T) {
	l := newLoop()
	j := NewJobs(1, l.do)
	blocked := func(ctx context.Context) (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	}
	var cancelled, dropped Slot
	var errs []error
	Start(j, &cancelled, blocked, nil, func(_ int, err error) { errs = append(errs, err) })
	Start(j, &dropped, blocked, nil, func(_ int, err error) { t.Error("a dropped job reported") })
	cancelled.Cancel()
	dropped.Drop()
	l.until(t, "the cancelled job", func() bool { return len(errs) == 1 })
	j.Wait()
	for len(l.fns) > 0 {
		(<-l.fns)()
	}
	if !errors.Is(errs[0], context.Canceled) {
		t.Errorf("the cancelled job reported %v", errs[0])
	}
}

// TestWorkers: no more jobs run at once than workers; started runs when
// one begins; Stop ends those still waiting with the context's error.
func TestWorkers(t *testing.T) {
	l := newLoop()
	j := NewJobs(2, l.do)
	var running, most atomic.Int32
	release := make(chan struct{})
	slots := make([]Slot, 5)
	var mu sync.Mutex
	started, finished := 0, 0
	var errs []error
	for i := range slots {
		Start(j, &slots[i], func(ctx context.Context) (int, error) {
			n := running.Add(1)
			defer running.Add(-1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			select {
			case <-release:
				return i, nil
			case <-ctx.Done():
				return i, ctx.Err()
			}
		}, func() { started++ }, func(_ int, err error) {
			mu.Lock()
			finished++
			errs = append(errs, err)
			mu.Unlock()
		})
	}
	l.until(t, "two jobs to start", func() bool { return started == 2 })
	release <- struct{}{}
	l.until(t, "a third to start", func() bool { return started == 3 })
	j.Stop()
	l.until(t, "every job to report", func() bool { return finished == 5 })
	j.Wait()
	if most.Load() > 2 {
		t.Errorf("%d jobs ran at once with 2 workers", most.Load())
	}
	nErr := 0
	for _, err := range errs {
		if err != nil {
			nErr++
		}
	}
	if nErr != 4 {
		t.Errorf("%d jobs ended with an error after Stop, want 4 (one finished first)", nErr)
	}
	if j.Acquire() {
		t.Error("Acquire succeeded after Stop")
	}
}
