package verify

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/verso-pdf/verso/wasm/trust"
	"github.com/verso-pdf/verso/wasm/trust/tsl"
)

// sharedTrustLists builds a bundle from the real 2023 lists in
// ../shared/trustlists, skipping when they are absent.
func sharedTrustLists(t *testing.T) *trust.Bundle {
	dir := filepath.Join(filepath.Dir(corpusDir(t)), "trustlists")
	read := func(n string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Skipf("real trusted lists not found in %s: %v", dir, err)
		}
		return data
	}
	lotl, err := tsl.ReadLOTL(read("2023-eu-lotl.xml"), tsl.LOTLSigners)
	if err != nil {
		t.Fatal(err)
	}
	var lists []*tsl.List
	for _, cc := range []string{"EE", "LV", "LT", "BE"} {
		l, err := tsl.ReadList(read("2023-"+cc+".xml"), lotl)
		if err != nil {
			t.Fatal(err)
		}
		lists = append(lists, l)
	}
	b, err := tsl.Build(lotl, lists, time.Now())
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
	return b
}

// TestProductionSmartID is issue #5's acceptance file: a real production
// Smart-ID PAdES-LT signature of 2017 whose certificate expired in 2020.
// It is trusted at its timestamp, revocation "good" from its OCSP response.
// Its certificate has no QcSSCD, its policy is QCP-n (not QCP-n-qscd) and
// the EE list's qualifiers for EID-SK 2016 add no QSCD: the label is
// ADES_QC, as SiVa's own test says (Pdf-Signature-Policy-7: ADESIG_QC,
// "The signature/seal is not created by a QSCD!").
func TestProductionSmartID(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(corpusDir(t), "files", "siva-test", "PadesTestAdesQC.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		opts TrustOptions
	}{
		{"embedded SK anchors only", TrustOptions{NoBundle: true}},
		{"with the EU trusted lists", TrustOptions{Bundle: sharedTrustLists(t)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Verify(data, Options{Trust: c.opts})
			if r.Verdict != VerdictValid || len(r.Signatures) != 1 {
				t.Fatalf("verdict %s with %d signatures", r.Verdict, len(r.Signatures))
			}
			tr := r.Signatures[0].Trust
			if tr.Status != string(trust.StatusTrusted) || tr.TimeBasis != trust.BasisTimestamp || tr.Time != "2017-09-04T14:13:16Z" {
				t.Fatalf("trust %s at %s (%s): %s", tr.Status, tr.Time, tr.TimeBasis, tr.Reason)
			}
			if tr.Qualified.Label != trust.LabelAdESQC {
				t.Errorf("label %s: %s", tr.Qualified.Label, tr.Qualified.Reason)
			}
			leaf := tr.Chain[0]
			if leaf.NotAfter != "2020-02-02T07:42:13Z" || leaf.Revocation.Status != trust.RevocationGood || !leaf.Revocation.Fresh || leaf.Revocation.Source != "OCSP in the DSS" {
				t.Errorf("signer %s to %s, revocation %+v", leaf.Subject, leaf.NotAfter, leaf.Revocation)
			}
			if tr.QCStatements == nil || !tr.QCStatements.Compliance || tr.QCStatements.SSCD || tr.Policies[0].OID != trust.PolicySmartIDQualified {
				t.Errorf("QC %+v, policies %+v", tr.QCStatements, tr.Policies)
			}
			if c.opts.Bundle != nil && (tr.Qualified.ServiceStatus != "granted" || tr.Bundle != "2023-09-27T09:00:29Z") {
				t.Errorf("trusted list: %+v, bundle %q", tr.Qualified, tr.Bundle)
			}
		})
	}
}

// TestTrustNeverChangesVerdict: the verdicts of the whole corpus are the
// same with and without trust material.
func TestTrustNeverChangesVerdict(t *testing.T) {
	dir := corpusDir(t)
	bundle := sharedTrustLists(t)
	for _, row := range readExpected(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, row.file))
		if err != nil {
			t.Fatal(err)
		}
		a := Verify(data, Options{Trust: TrustOptions{NoBundle: true}})
		b := Verify(data, Options{Trust: TrustOptions{Bundle: bundle}})
		if a.Verdict != b.Verdict {
			t.Errorf("%s: %s without lists, %s with", row.file, a.Verdict, b.Verdict)
		}
		for _, s := range b.Signatures {
			if s.Trust.Status == "" || s.Trust.Qualified.Label == "" {
				t.Errorf("%s: signature %d has no trust status or label", row.file, s.Index)
			}
		}
	}
}
