package ovsdb

import "sync"

// queue is an unbounded FIFO of work items run by one goroutine, so that
// notifications are applied in wire order without ever stalling the read
// loop (replies and echo answers keep flowing while a slow consumer works).
// Memory is the only bound: the server sends no more than the changes that
// happened.
type queue struct {
	mu      sync.Mutex
	items   []func()
	head    int
	signal  chan struct{}
	closed  bool
	done    chan struct{}
	pushed  uint64
	applied uint64
	waiters []seqWaiter
}

type seqWaiter struct {
	seq uint64
	ch  chan struct{}
}

func newQueue() *queue {
	q := &queue{signal: make(chan struct{}, 1), done: make(chan struct{})}
	go q.run()
	return q
}

// push appends fn and returns its sequence number.
func (q *queue) push(fn func()) uint64 {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return 0
	}
	q.items = append(q.items, fn)
	q.pushed++
	n := q.pushed
	q.mu.Unlock()
	select {
	case q.signal <- struct{}{}:
	default:
	}
	return n
}

// waitCh returns a channel closed once every item pushed so far has run.
func (q *queue) waitCh() <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	ch := make(chan struct{})
	if q.applied >= q.pushed || q.closed {
		close(ch)
		return ch
	}
	q.waiters = append(q.waiters, seqWaiter{seq: q.pushed, ch: ch})
	return ch
}

func (q *queue) run() {
	defer close(q.done)
	for {
		q.mu.Lock()
		for q.head == len(q.items) && !q.closed {
			q.mu.Unlock()
			<-q.signal
			q.mu.Lock()
		}
		if q.head == len(q.items) && q.closed {
			for _, w := range q.waiters {
				close(w.ch)
			}
			q.waiters = nil
			q.mu.Unlock()
			return
		}
		fn := q.items[q.head]
		q.items[q.head] = nil
		q.head++
		if q.head == len(q.items) {
			q.items, q.head = q.items[:0], 0
		} else if q.head > 1024 && q.head*2 > len(q.items) {
			n := copy(q.items, q.items[q.head:])
			clear(q.items[n:])
			q.items, q.head = q.items[:n], 0
		}
		q.mu.Unlock()
		fn()
		q.mu.Lock()
		q.applied++
		kept := q.waiters[:0]
		for _, w := range q.waiters {
			if w.seq <= q.applied {
				close(w.ch)
			} else {
				kept = append(kept, w)
			}
		}
		q.waiters = kept
		q.mu.Unlock()
	}
}

// close lets the queue drain and stop; it returns after the goroutine ended.
func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	select {
	case q.signal <- struct{}{}:
	default:
	}
	<-q.done
}
