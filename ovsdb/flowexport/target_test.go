package flowexport_test

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		in   string
		want string // canonical form, "" when err is set
		err  error
	}{
		{"192.168.1.99:2056", "192.168.1.99:2056", nil},
		{"127.0.0.1:1", "127.0.0.1:1", nil},
		{"10.0.0.1:65535", "10.0.0.1:65535", nil},
		{"[::1]:4739", "[::1]:4739", nil},
		{"[2001:DB8::1]:6343", "[2001:db8::1]:6343", nil},
		{"[0:0:0:0:0:0:0:1]:80", "[::1]:80", nil},
		{"[::ffff:1.2.3.4]:80", "[::ffff:1.2.3.4]:80", nil},
		{"255.255.255.255:9", "255.255.255.255:9", nil},

		{"", "", flowexport.ErrTargetSyntax},
		{"10.0.0.1:0", "", flowexport.ErrPort},
		{"10.0.0.1:65536", "", flowexport.ErrPort},
		{"10.0.0.1:99999", "", flowexport.ErrPort},
		{"10.0.0.1:080", "", flowexport.ErrPort},
		{"10.0.0.1:+80", "", flowexport.ErrPort},
		{"10.0.0.1:-1", "", flowexport.ErrPort},
		{"10.0.0.1:", "", flowexport.ErrPort},
		{"10.0.0.1", "", flowexport.ErrPort},
		{"[::1]", "", flowexport.ErrPort},
		{"10.0.0.1:8 0", "", flowexport.ErrPort},
		{"10.0.0.1:http", "", flowexport.ErrPort},
		{"collector.example.com:2055", "", flowexport.ErrHostname},
		{"localhost:2055", "", flowexport.ErrHostname},
		{"localhost", "", flowexport.ErrHostname},
		{"my_host-1:2055", "", flowexport.ErrHostname},
		{"0.0.0.0:2055", "", flowexport.ErrAddress},
		{"[::]:2055", "", flowexport.ErrAddress},
		{"[fe80::1%eth0]:2055", "", flowexport.ErrAddress},
		{"01.2.3.4:80", "", flowexport.ErrTargetSyntax},
		{"1.2.3.256:80", "", flowexport.ErrTargetSyntax},
		{"1.2.3:80", "", flowexport.ErrTargetSyntax},
		{"::1:80", "", flowexport.ErrTargetSyntax},
		{"[1.2.3.4]:80", "", flowexport.ErrTargetSyntax},
		{"[::1]80", "", flowexport.ErrTargetSyntax},
		{"[::1:80", "", flowexport.ErrTargetSyntax},
		{":2055", "", flowexport.ErrTargetSyntax},
		{" 1.2.3.4:80", "", flowexport.ErrTargetSyntax},
		{"1.2.3.4:80,5.6.7.8:80", "", flowexport.ErrTargetSyntax},
		{"[::1]:80:80", "", flowexport.ErrPort},
		{"udp:1.2.3.4:80", "", flowexport.ErrTargetSyntax},
		{"1.2.3.4:80\x00", "", flowexport.ErrPort},
		{string(make([]byte, 100)), "", flowexport.ErrTargetSyntax},
	}
	for _, tt := range tests {
		ap, err := flowexport.ParseTarget(tt.in)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("ParseTarget(%q) = %v, %v, want error %v", tt.in, ap, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseTarget(%q) = %v, want %s", tt.in, err, tt.want)
			continue
		}
		if got := flowexport.FormatTarget(ap); got != tt.want {
			t.Errorf("FormatTarget(ParseTarget(%q)) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseTargetNoAllocs(t *testing.T) {
	for _, in := range []string{"192.168.1.99:2056", "[2001:db8::1]:4739"} {
		if n := testing.AllocsPerRun(100, func() { _, _ = flowexport.ParseTarget(in) }); n != 0 {
			t.Errorf("ParseTarget(%q) allocates %v times, want 0", in, n)
		}
	}
}

func TestFormatTargetRoundTrip(t *testing.T) {
	for _, ap := range []netip.AddrPort{
		netip.MustParseAddrPort("1.2.3.4:5"),
		netip.MustParseAddrPort("[2001:db8::2]:65535"),
	} {
		got, err := flowexport.ParseTarget(flowexport.FormatTarget(ap))
		if err != nil || got != ap {
			t.Errorf("ParseTarget(FormatTarget(%v)) = %v, %v", ap, got, err)
		}
	}
}
