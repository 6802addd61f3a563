package tsl

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/verso-pdf/verso/wasm/trust"
)

func TestRealLists(t *testing.T) {
	lotl23, err := ReadLOTL(readList(t, "2023-eu-lotl.xml"), LOTLSigners)
	if err != nil {
		t.Fatal(err)
	}
	if lotl23.Sequence != 332 || len(lotl23.Pointers) < 27 {
		t.Errorf("LOTL 2023: sequence %d, %d pointers", lotl23.Sequence, len(lotl23.Pointers))
	}
	for _, cc := range []string{"EE", "LV", "LT", "BE"} {
		l, err := ReadList(readList(t, "2023-"+cc+".xml"), lotl23)
		if err != nil || l.Territory != cc {
			t.Errorf("%s: %v", cc, err)
		}
	}
	lotl19, err := ReadLOTL(readList(t, "2019-eu-lotl.xml"), LOTLSigners)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadList(readList(t, "2019-CZ.xml"), lotl19); err != nil {
		t.Errorf("CZ 2019: %v", err)
	}
	for _, p := range []string{"2021-eu-lotl-pivot-282.xml", "2021-eu-lotl-pivot-300.xml"} {
		if _, err := ReadLOTL(readList(t, p), LOTLSigners); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestBadListsRefused: each bad list is refused with its reason.
func TestBadListsRefused(t *testing.T) {
	lotl19, err := ReadLOTL(readList(t, "2019-eu-lotl.xml"), LOTLSigners)
	if err != nil {
		t.Fatal(err)
	}
	lotl23, err := ReadLOTL(readList(t, "2023-eu-lotl.xml"), LOTLSigners)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file, want string
		read       func([]byte) error
	}{
		{"2019-eu-lotl-broken-sig.xml", "was changed after signing", lotlReader},
		{"2019-eu-lotl-no-sig.xml", "unsigned", lotlReader},
		{"2019-eu-lotl-not-parseable.xml", "not parseable", lotlReader},
		{"2019-CZ-broken-sig.xml", "was changed after signing", listReader(lotl19)},
		// A LOTL whose signer is not pinned.
		{"2023-eu-lotl.xml", "not a pinned LOTL signing certificate", func(d []byte) error {
			_, err := ReadLOTL(d, []string{"00"})
			return err
		}},
		// A national list checked against a LOTL that names other signers.
		{"2019-CZ.xml", "not by a certificate the LOTL names", listReader(lotl23)},
	} {
		err := c.read(readList(t, c.file))
		var re *RefusedError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want a refusal saying %q", c.file, err, c.want)
		}
	}
}

func lotlReader(d []byte) error {
	_, err := ReadLOTL(d, LOTLSigners)
	return err
}

func listReader(lotl *List) func([]byte) error {
	return func(d []byte) error {
		_, err := ReadList(d, lotl)
		return err
	}
}

func TestBuildFromRealLists(t *testing.T) {
	lotl, err := ReadLOTL(readList(t, "2023-eu-lotl.xml"), LOTLSigners)
	if err != nil {
		t.Fatal(err)
	}
	ee, err := ReadList(readList(t, "2023-EE.xml"), lotl)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(lotl, []*List{ee}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if b, err = trust.LoadBundle(data); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range b.Services {
		if strings.HasPrefix(s.Name, "EID-SK 2016 qualified") && s.Type == trust.TypeCAQC {
			found = true
			q := s.History[0].Qualifications
			if s.History[0].Status != "granted" || len(q) != 1 || q[0].Criteria.Policies[0][0] != "1.3.6.1.4.1.10015.17.2" {
				t.Errorf("EID-SK 2016: %+v", s.History[0])
			}
		}
	}
	if !found {
		t.Error("EID-SK 2016 is missing from the bundle")
	}
	t.Logf("EE bundle: %d services, %d bytes", len(b.Services), len(data))
}

// TestC14N checks exclusive and inclusive canonicalisation against the
// forms the W3C rules give for a small document.
func TestC14N(t *testing.T) {
	doc, err := parseXML([]byte(`<?xml version="1.0"?>
<a:root xmlns:a="urn:a" xmlns:b="urn:b" xmlns="urn:d"><!-- c --><a:x z="1" b:y="&amp;2" a="3">t&lt;&#13;</a:x><y/></a:root>`))
	if err != nil {
		t.Fatal(err)
	}
	x := doc.root.children[0].elem
	if got, want := string(canonical(x, true, nil)), `<a:x xmlns:a="urn:a" xmlns:b="urn:b" a="3" z="1" b:y="&amp;2">t&lt;&#xD;</a:x>`; got != want {
		t.Errorf("exclusive:\n got %s\nwant %s", got, want)
	}
	if got, want := string(canonical(x, false, nil)), `<a:x xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b" a="3" z="1" b:y="&amp;2">t&lt;&#xD;</a:x>`; got != want {
		t.Errorf("inclusive:\n got %s\nwant %s", got, want)
	}
	if got, want := string(canonicalDocument(doc, true, x)), `<a:root xmlns:a="urn:a"><y xmlns="urn:d"></y></a:root>`; got != want {
		t.Errorf("document without x:\n got %s\nwant %s", got, want)
	}
}
