package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ovsflow/ovsflow/internal/pcapfile"
)

// maxFrame bounds a captured frame we accept (a bigger length is taken as
// corruption rather than a reason to allocate).
const maxFrame = pcapfile.DefaultMaxRecord

// errFormat reports a classic pcap file whose link type is not Ethernet.
var errFormat = errors.New("not a valid pcap or pcapng file")

// captureReader reads the Ethernet frames of a classic pcap or a pcapng
// file through internal/pcapfile. Next reuses one buffer, so reading does
// not allocate per frame.
type captureReader struct {
	r  *pcapfile.Reader
	ng bool

	// Current frame.
	Time  time.Time
	Iface int // pcapng interface ID; 0 for classic pcap
	Frame []byte
	Orig  int    // original length
	name  string // pcapng if_name of Iface
}

func newCaptureReader(r io.Reader) (*captureReader, error) {
	pr, err := pcapfile.NewReader(r)
	if err != nil {
		return nil, err
	}
	if pr.Format() == pcapfile.FormatPcap && pr.LinkType() != pcapfile.LinkTypeEthernet {
		return nil, fmt.Errorf("%w: link type %d, want Ethernet (1)", errFormat, pr.LinkType())
	}
	return &captureReader{r: pr, ng: pr.Format() == pcapfile.FormatPcapng}, nil
}

// Next reads the next Ethernet frame, skipping frames of other link types;
// it returns io.EOF at the end.
func (c *captureReader) Next() error {
	for {
		p, err := c.r.Next()
		if err != nil {
			return err
		}
		if p.LinkType != pcapfile.LinkTypeEthernet {
			continue
		}
		if !p.Time.IsZero() { // a simple packet block has no time: keep the last
			c.Time = p.Time
		}
		c.Iface, c.Frame, c.Orig, c.name = p.Interface, p.Data, p.OrigLen, p.InterfaceName
		return nil
	}
}

// IfaceName returns the pcapng name of interface id ("" if none).
func (c *captureReader) IfaceName(id int) string {
	if id == c.Iface {
		return c.name
	}
	for i, ifc := range c.r.Interfaces() {
		if i == id {
			return ifc.Name
		}
	}
	return ""
}
