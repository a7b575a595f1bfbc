package ovsdb

import "sync/atomic"

type counters struct {
	calls, callErrors, reconnects, notifications    atomic.Uint64
	bytesIn, bytesOut, messagesIn, messagesOut      atomic.Uint64
	echoesAnswered, probes, skippedColumns, updates atomic.Uint64
}

// Stats is a snapshot of a [Client]'s counters.
type Stats struct {
	Calls          uint64 // RPCs sent (requests expecting a reply)
	CallErrors     uint64 // RPCs that returned an error
	Reconnects     uint64 // successful reconnections after a loss
	Notifications  uint64 // server notifications received
	Updates        uint64 // update/update2/update3 notifications applied
	BytesIn        uint64
	BytesOut       uint64
	MessagesIn     uint64
	MessagesOut    uint64
	EchoesAnswered uint64 // server echo requests answered
	Probes         uint64 // inactivity probes sent
	SkippedColumns uint64 // columns dropped because the server schema lacks them
}

func (c *counters) snapshot() Stats {
	return Stats{
		Calls:          c.calls.Load(),
		CallErrors:     c.callErrors.Load(),
		Reconnects:     c.reconnects.Load(),
		Notifications:  c.notifications.Load(),
		Updates:        c.updates.Load(),
		BytesIn:        c.bytesIn.Load(),
		BytesOut:       c.bytesOut.Load(),
		MessagesIn:     c.messagesIn.Load(),
		MessagesOut:    c.messagesOut.Load(),
		EchoesAnswered: c.echoesAnswered.Load(),
		Probes:         c.probes.Load(),
		SkippedColumns: c.skippedColumns.Load(),
	}
}
