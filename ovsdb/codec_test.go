package ovsdb

import (
	"bytes"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestFraming writes concatenated JSON messages of very different sizes in
// random chunks and checks the codec's frame reader returns each message
// exactly.
func TestFraming(t *testing.T) {
	var msgs [][]byte
	for i := 0; i < 40; i++ {
		size := []int{10, 1000, 40_000, 300_000}[i%4]
		msgs = append(msgs, []byte(`{"id":`+strconv.Itoa(i)+`,"result":"`+strings.Repeat("x]}\\\"", size/5)+`","error":null}`))
	}
	stream := bytes.Join(msgs, []byte("\n"))
	a, b := net.Pipe()
	var st counters
	c := newCodec(a, 0, time.Second, &st)
	defer func() { c.Close(); c.wait() }()
	go func() {
		r := rand.New(rand.NewPCG(1, 2))
		for rest := stream; len(rest) > 0; {
			n := min(len(rest), 1+r.IntN(70_000))
			if _, err := b.Write(rest[:n]); err != nil {
				return
			}
			rest = rest[n:]
		}
	}()
	for i, want := range msgs {
		got, err := c.nextFrame()
		if err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("frame %d: %d bytes, want %d", i, len(got), len(want))
		}
	}
	b.Close()
}

func TestFramingRejectsGarbage(t *testing.T) {
	var s frameScanner
	if _, err := s.feed([]byte(`  x{}`), 0); err == nil {
		t.Fatal("garbage before a message accepted")
	}
	s = frameScanner{}
	if n, err := s.feed([]byte(`{"a":"}"}`), 0); err != nil || n != 9 {
		t.Fatalf("feed = %d, %v", n, err)
	}
}
