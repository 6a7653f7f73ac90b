package review

import (
	"context"
	"sync"
)

// Jobs runs long work (checking, re-blurring, exporting) off the caller's
// goroutine, a few at a time, and reports back through do (the app's
// fyne.Do; tests run it inline or on a loop). Work on one Slot is latest
// wins: starting again cancels the running job and drops its result.
type Jobs struct {
	do   func(func())
	sem  chan struct{}
	ctx  context.Context
	stop context.CancelFunc
	wg   sync.WaitGroup
}

// NewJobs runs at most workers jobs at once.
func NewJobs(workers int, do func(func())) *Jobs {
	if workers < 1 {
		workers = 1
	}
	j := &Jobs{do: do, sem: make(chan struct{}, workers)}
	j.ctx, j.stop = context.WithCancel(context.Background())
	return j
}

// Slot is the place of one image's work: at most one job runs in it, the
// latest. Its fields belong to the goroutine that calls Start and do.
type Slot struct {
	gen    int
	cancel context.CancelFunc
}

// Busy reports whether a job in the slot has not yet reported.
func (s *Slot) Busy() bool { return s.cancel != nil }

// Cancel stops the slot's job, if any; its finish still runs, with the
// context's error, unless another job has started since.
func (s *Slot) Cancel() {
	if s.cancel != nil {
		s.cancel()
	}
}

// Drop cancels the slot's job and makes sure no result of it is reported.
func (s *Slot) Drop() {
	s.Cancel()
	s.gen++
}

// Start runs work in slot s once a worker is free: started is called
// (through do) when it begins, finish (through do) with its result, or
// with the context's error if it was cancelled while waiting. A result of
// a job that a newer Start or Drop replaced is dropped. Start must be
// called from the goroutine do runs functions on.
func Start[T any](j *Jobs, s *Slot, work func(ctx context.Context) (T, error), started func(), finish func(T, error)) {
	s.Cancel()
	ctx, cancel := context.WithCancel(j.ctx)
	s.gen++
	s.cancel = cancel
	gen := s.gen
	report := func(v T, err error) {
		j.do(func() {
			if s.gen != gen {
				return
			}
			s.cancel = nil
			finish(v, err)
		})
	}
	j.wg.Add(1)
	go func() {
		defer j.wg.Done()
		defer cancel()
		var zero T
		if !acquire(ctx, j.sem) {
			report(zero, ctx.Err())
			return
		}
		if started != nil {
			j.do(func() {
				if s.gen == gen {
					started()
				}
			})
		}
		v, err := work(ctx)
		<-j.sem
		report(v, err)
	}()
}

// Go runs work in the background with no slot (an export, a thumbnail),
// under the same stop and wait as the jobs.
func (j *Jobs) Go(work func(ctx context.Context)) {
	j.wg.Add(1)
	go func() {
		defer j.wg.Done()
		work(j.ctx)
	}()
}

// Acquire waits for a free worker, for work that runs several at once
// under Go (an export's images); it returns false once the jobs stop.
func (j *Jobs) Acquire() bool { return acquire(j.ctx, j.sem) }

// acquire takes a place in sem unless ctx ends first; a place taken as
// ctx ends is given back, so a cancelled job never starts.
func acquire(ctx context.Context, sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	if ctx.Err() != nil {
		<-sem
		return false
	}
	return true
}

// Release frees a worker taken by Acquire.
func (j *Jobs) Release() { <-j.sem }

// Context is cancelled when the jobs stop.
func (j *Jobs) Context() context.Context { return j.ctx }

// Stop cancels every job; results still arriving are reported with the
// context's error.
func (j *Jobs) Stop() { j.stop() }

// Wait blocks until every job and Go has returned (tests and shutdown).
func (j *Jobs) Wait() { j.wg.Wait() }
