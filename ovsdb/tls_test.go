package ovsdb

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/ovstest"
)

type pki struct {
	dir                   string
	caCert                string
	serverKey, serverCert string
	clientKey, clientCert string
}

// newPKI writes a throw-away CA plus a server and a client certificate.
func newPKI(t *testing.T) *pki {
	t.Helper()
	dir := t.TempDir()
	p := &pki{dir: dir}
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ovsflow test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	p.caCert = writePEM(t, dir, "ca.pem", "CERTIFICATE", caDER)
	leaf := func(name string, serial int64, usage x509.ExtKeyUsage) (string, string) {
		k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage},
			IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &k.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		kder, _ := x509.MarshalPKCS8PrivateKey(k)
		return writePEM(t, dir, name+"-key.pem", "PRIVATE KEY", kder), writePEM(t, dir, name+"-cert.pem", "CERTIFICATE", der)
	}
	p.serverKey, p.serverCert = leaf("server", 2, x509.ExtKeyUsageServerAuth)
	p.clientKey, p.clientCert = leaf("client", 3, x509.ExtKeyUsageClientAuth)
	return p
}

func writePEM(t *testing.T, dir, name, typ string, der []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRealTLS(t *testing.T) {
	p := newPKI(t)
	db := ovstest.StartDB(t, &ovstest.DBOptions{SSL: &ovstest.SSLFiles{PrivateKey: p.serverKey, Certificate: p.serverCert, CACert: p.caCert}})
	ctx := testCtx(t)
	c, err := Dial(ctx, []string{db.SSLEndpoint()}, &Config{CertFile: p.clientCert, KeyFile: p.clientKey, CAFile: p.caCert})
	if err != nil {
		t.Fatalf("Dial(%s) = %v", db.SSLEndpoint(), err)
	}
	defer c.Close()
	dbs, err := c.ListDbs(ctx)
	if err != nil || len(dbs) == 0 {
		t.Fatalf("ListDbs over TLS = %v, %v", dbs, err)
	}
	if _, err := c.Transact(ctx, "Open_vSwitch", Select("Open_vSwitch", nil)); err != nil {
		t.Fatalf("Transact over TLS = %v", err)
	}
	// A call cancelled while blocked interrupts the TLS read; the session
	// stays usable.
	cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	_, err = c.Transact(cctx, "Open_vSwitch", Wait("Open_vSwitch", nil, []string{"next_cfg"}, FuncEQ, []Row{{"next_cfg": AtomOf(int64(-7))}}, nil))
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("blocked wait over TLS: %v", err)
	}
	waitFor(t, "pending set empty", func() bool { return pendingLen(c) == 0 })
	if err := c.Echo(ctx); err != nil {
		t.Fatalf("Echo after cancel over TLS: %v", err)
	}
	// Without a client certificate the server refuses the session.
	bad, err := Dial(ctx, []string{db.SSLEndpoint()}, &Config{CAFile: p.caCert, NoReconnect: true})
	if err == nil {
		_, err = bad.ListDbs(ctx)
		bad.Close()
	}
	if err == nil {
		t.Fatal("TLS without client certificate worked")
	}
}
