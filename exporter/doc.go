// Package exporter is a software flow exporter: it turns packet
// observations into exactly the NetFlow v5, sFlow v5 and IPFIX datagrams
// Open vSwitch 3.1 would send for them, with OVS's timing rules, and fans
// each datagram out, byte-identical, to up to ten collectors per type.
//
// It is configured from the same [flowexport] values the OVSDB flow-export
// API writes (a NetFlow, sFlow or IPFIX row maps one-to-one onto an
// exporter), plus an [Env] for the facts OVS takes from the host: datapath
// engine IDs, sFlow sub-agent ID and agent address, IPFIX exporter ID, the
// bridge ports with their ifindexes and names.
//
//	x, err := exporter.New(exporter.Config{
//		NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}, ActiveTimeout: 60},
//		SFlow:   &flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}, Agent: flowexport.Ptr("127.0.0.1")},
//		IPFIX:   &flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}},
//		Env:     exporter.Env{Ports: ports},
//	})
//	...
//	go x.Run(ctx) // timers: NetFlow expiry, sFlow tick and polling, IPFIX cache
//	for each packet {
//		x.Observe(&exporter.Packet{Frame: frame, In: ports[0], Out: ports[1:2]})
//	}
//	x.Close() // NetFlow drops pending counts, IPFIX flushes (flowEndReason 4)
//
// # What is modelled
//
// NetFlow v5: OVS's flow key (OpenFlow in_port, IPv4 addresses, DSCP,
// protocol, ports; ICMP type/code in the port fields), IPv4 only, frame
// octets, drift-free active timeout (0 or -1 mean 600 s), the datapath's
// max-idle expiry (10 s), export on output change, 30 records per
// datagram, OVS's flow_sequence (index of the last record), engine
// type/ID, add_id_to_interface and 32-bit counter splitting.
//
// sFlow v5: seedable 1-in-N ingress sampling, sample_pool, source ID
// 2:1000+sub-agent, the input/output encodings (0x40000100 for dropped,
// 0x80000000|n for several outputs), [extended switch, sampled header]
// records (plus VNI and IPv4 tunnel ingress records for tunnelled input),
// the header limit, 1400-byte datagrams, the 1-s agent tick, and counter
// polling (first poll after a random 1..polling ticks) of every port with
// an ifindex [ethernet, OpenFlow port, port name, generic] and of the
// bridge [app resources, OVS datapath].
//
// IPFIX: OVS's 88 templates with its field order and IDs, split into 18
// template messages, options template 462 and the exporter-statistics
// record (notSentPacketTotalCount counts failed sends), the 600-s template
// and statistics intervals, the per-exporter sequence counter, one data
// record per message, bridge mode (independent ingress and per-output
// egress sampling, observation domain and point) and flow-based mode
// (collector sets fed by sample() actions), other_config's
// enable-input-sampling and enable-output-sampling as OVS 3.1 really reads
// them (inverted: "true" turns the sampling point off, "false" leaves it
// on), enable-tunnel-sampling and virtual_obs_id, the flow cache
// (cache_active_timeout, cache_max_flows, flowEndReason 2, 4 and 5) and
// the exporter-wide total counters.
//
// Not modelled: egress tunnels (sFlow 0:1023/0:1029, IPFIX tunnelled egress
// templates), MPLS (0:1006), LACP counters, and datapath cache effects such
// as OVS's userspace datapath reporting IPFIX samples of packets that hit
// an installed datapath flow as dropped (the exporter reports what the
// packet's forwarding outcome says, as OVS's kernel datapath does).
//
// # Encoding
//
// The exporter decides what OVS would send; the codec packages write the
// bytes: NetFlow datagrams are [netflow.V5Header] and [netflow.V5Record]
// values (AppendTo), sFlow datagrams come from an [sflow.Builder] (which
// also applies OVS's 1400-byte split and drops samples above 700 bytes),
// IPFIX messages from an [ipfix.Builder] with OVS's header, sequence
// counter and template-message split. Golden files in testdata/golden pin
// the output of fixed scenarios byte for byte.
//
// # Time, goroutines and concurrency
//
// All timers read the [Clock] (default [SystemClock]); [ManualClock]
// drives them in tests and replays. No goroutine is started unless the
// caller runs [Exporter.Run]; without it, call [Exporter.Flush]. All
// methods are safe for concurrent use (one mutex). [Exporter.Stats]
// returns a snapshot.
//
// # Collectors
//
// Each target gets a connected, non-blocking UDP socket (as in OVS); a full
// socket buffer or an unreachable collector fails that send at once and is
// counted, never retried, and never delays the other collectors or the
// packet path. [Config.Dial] substitutes any datagram writer; its writes
// must not block either.
//
// # Allocation
//
// In steady state (flow caches warm) [Exporter.Observe] and
// [Exporter.Flush] do not allocate; a new flow costs one cache entry.
package exporter
