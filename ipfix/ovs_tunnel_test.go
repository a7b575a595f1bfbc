package ipfix_test

import (
	"encoding/binary"
	"net/netip"
	"os"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/internal/testenv"
	"github.com/ovsflow/ovsflow/internal/udpcollect"
	"github.com/ovsflow/ovsflow/ipfix"
)

// TestRealOVSTunnel receives VXLAN-encapsulated frames on a dummy underlay
// bridge (OVS userspace tunnel pop into a bridge with a VXLAN port) with
// bridge IPFIX at sampling 1 on the overlay bridge: the ingress samples of
// the decapsulated frames use the tunnel templates, whose VMware-enterprise
// (6876) elements must carry the tunnel's addresses, protocol, ports, type
// and VNI. (Egress samples toward tunnel ports are not taken on the
// userspace datapath, whose tunnel push is native; spec §4.1.)
func TestRealOVSTunnel(t *testing.T) {
	testenv.RequireBinary(t, "ovs-vswitchd", "openvswitch-switch")
	col := udpcollect.Listen(t, "udp4")
	db := ovstest.StartDB(t, nil)
	sw := ovstest.StartSwitch(t, db)
	sw.AddBridge(t, "br0", ovstest.Port{Name: "p0", OFPort: 1, IfIndex: 20})
	sw.Vsctl(t, "set", "bridge", "br0", "other-config:hwaddr=aa:55:aa:55:00:00")
	sw.AddBridge(t, "int", ovstest.Port{Name: "p1", OFPort: 1, IfIndex: 21})
	sw.Vsctl(t, "add-port", "int", "t2", "--", "set", "interface", "t2", "type=vxlan",
		"options:remote_ip=1.1.2.92", "options:key=123", "ofport_request=2")
	sw.Appctl(t, "netdev-dummy/ip4addr", "br0", "1.1.2.88/24")
	sw.Appctl(t, "ovs/route/add", "1.1.2.92/24", "br0")
	sw.Appctl(t, "tnl/neigh/set", "br0", "1.1.2.92", "f8:bc:12:44:34:b6")
	sw.DelFlows(t, "int")
	sw.AddFlows(t, "int", "in_port=2,actions=output:1")
	sw.Vsctl(t, "--", "--id=@i", "create", "ipfix", `targets="`+col.Target()+`"`,
		"sampling=1", "obs_domain_id=5", "cache_active_timeout=0", "cache_max_flows=0",
		"--", "set", "bridge", "int", "ipfix=@i")
	f := buildFrame("udp4", false, netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2"), 17, 1000, 5001)
	outer := vxlanFrame(f.data, 123)
	sw.Inject(t, "p0", outer, outer)
	col.WaitN(t, 20+2, 20*time.Second)
	sw.Stop()
	dgs := col.WaitQuiet(300 * time.Millisecond)
	if *update {
		var all []byte
		for _, d := range dgs {
			all = append(all, d.Data...)
		}
		if err := os.WriteFile(goldenTunnel, all, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	checkTunnel(t, dgs)
}

// goldenTunnel holds the datagrams of one TestRealOVSTunnel run.
const goldenTunnel = "testdata/ovs-3.1-vxlan.ipfix"

// TestOVSTunnelGolden replays the recorded tunnel run.
func TestOVSTunnelGolden(t *testing.T) {
	b, err := os.ReadFile(goldenTunnel)
	if err != nil {
		t.Fatal(err)
	}
	var dgs []udpcollect.Datagram
	for m := range ipfix.Messages(b) {
		dgs = append(dgs, udpcollect.Datagram{At: time.Unix(int64(binary.BigEndian.Uint32(m[4:])), 0),
			From: netip.MustParseAddrPort("127.0.0.1:40001"), Data: m})
	}
	checkTunnel(t, dgs)
}

func checkTunnel(t *testing.T, dgs []udpcollect.Datagram) {
	s := ipfix.NewSession(nil)
	var d ipfix.Decoder
	tunnels := 0
	for i, dg := range dgs {
		if _, err := d.Reset(s, dg.From, dg.Data, dg.At); err != nil {
			t.Fatalf("datagram %d: %v", i, err)
		}
		for d.NextSet() {
			for d.NextRecord() {
				r := d.Record()
				f, ok := r.Get(ipfix.EnterpriseVMware, 892)
				if !ok {
					continue
				}
				tunnels++
				get := func(id uint16) ipfix.Field {
					f, ok := r.Get(ipfix.EnterpriseVMware, id)
					if !ok {
						t.Fatalf("template %d lacks 6876/%d", r.Template().ID(), id)
					}
					return f
				}
				if r.Template().ID()%4 != 2 {
					t.Errorf("tunnel record in template %d, want a tunnel-ingress template", r.Template().ID())
				}
				if f.Name() != "tunnelKey" || len(f.Raw) != 3 || f.Uint() != 123 {
					t.Errorf("tunnelKey % x (%s), want 3-byte VNI 123", f.Raw, f.Name())
				}
				if a := get(893).Addr(); a != netip.MustParseAddr("1.1.2.92") {
					t.Errorf("tunnelSourceIPv4Address %v", a)
				}
				if a := get(894).Addr(); a != netip.MustParseAddr("1.1.2.88") {
					t.Errorf("tunnelDestinationIPv4Address %v", a)
				}
				if p := get(895).Uint(); p != 17 {
					t.Errorf("tunnelProtocolIdentifier %d", p)
				}
				if p := get(896).Uint(); p != 51283 {
					t.Errorf("tunnelSourceTransportPort %d", p)
				}
				if p := get(897).Uint(); p != 4789 {
					t.Errorf("tunnelDestinationTransportPort %d", p)
				}
				if p := get(891).Uint(); p != 1 {
					t.Errorf("tunnelType %d, want 1 (VXLAN)", p)
				}
				var line []byte
				for f := range r.All() {
					if f.Spec.Enterprise == ipfix.EnterpriseVMware {
						line = append(append(line, ' '), f.Name()...)
						line = f.AppendText(append(line, '='))
					}
				}
				t.Logf("template %d:%s", r.Template().ID(), line)
			}
		}
		if err := d.Err(); err != nil {
			t.Fatalf("datagram %d: %v", i, err)
		}
	}
	if tunnels != 2 {
		t.Errorf("%d tunnel records, want 2 (one per frame)", tunnels)
	}
}

// vxlanFrame wraps inner in Ethernet/IPv4/UDP/VXLAN from 1.1.2.92 to
// 1.1.2.88 (the underlay bridge), port 4789, with VNI vni.
func vxlanFrame(inner []byte, vni uint32) []byte {
	f := []byte{0xaa, 0x55, 0xaa, 0x55, 0, 0, 0xf8, 0xbc, 0x12, 0x44, 0x34, 0xb6, 0x08, 0x00}
	udpLen := 8 + 8 + len(inner)
	ip := []byte{0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, 17, 0, 0, 1, 1, 2, 92, 1, 1, 2, 88}
	binary.BigEndian.PutUint16(ip[2:], uint16(20+udpLen))
	var sum uint32
	for i := 0; i < 20; i += 2 {
		sum += uint32(ip[i])<<8 | uint32(ip[i+1])
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	binary.BigEndian.PutUint16(ip[10:], ^uint16(sum))
	f = append(f, ip...)
	f = binary.BigEndian.AppendUint16(f, 51283)
	f = binary.BigEndian.AppendUint16(f, 4789)
	f = binary.BigEndian.AppendUint16(f, uint16(udpLen))
	f = append(f, 0, 0)
	f = append(f, 0x08, 0, 0, 0, byte(vni>>16), byte(vni>>8), byte(vni), 0)
	return append(f, inner...)
}
