package tsl

import (
	"bytes"
	"strings"
	"testing"
)

func TestLimitListSize(t *testing.T) {
	if _, err := parseXML(make([]byte, MaxListSize+1)); err == nil || !strings.Contains(err.Error(), "larger") {
		t.Errorf("got %v", err)
	}
}

func TestLimitDepth(t *testing.T) {
	doc := strings.Repeat("<a>", maxDepth+1) + strings.Repeat("</a>", maxDepth+1)
	if _, err := parseXML([]byte(doc)); err == nil || !strings.Contains(err.Error(), "deeper") {
		t.Errorf("got %v", err)
	}
	ok := strings.Repeat("<a>", maxDepth) + strings.Repeat("</a>", maxDepth)
	if _, err := parseXML([]byte(ok)); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}

func TestLimitElements(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("<r>")
	for i := 0; i < MaxElements; i++ {
		b.WriteString("<e/>")
	}
	b.WriteString("</r>")
	if _, err := parseXML(b.Bytes()); err == nil || !strings.Contains(err.Error(), "elements") {
		t.Errorf("got %v", err)
	}
}

func TestLimitReferencesAndServicesAndPointers(t *testing.T) {
	ns := `xmlns="` + nsTSL + `" xmlns:ds="` + nsDSig + `"`
	refs := strings.Repeat(`<ds:Reference URI=""/>`, MaxReferences+1)
	doc, err := parseXML([]byte(`<TrustServiceStatusList ` + ns + `><ds:Signature><ds:SignedInfo>` +
		`<ds:CanonicalizationMethod Algorithm="` + algExcC14N + `"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>` +
		refs + `</ds:SignedInfo></ds:Signature></TrustServiceStatusList>`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verifySignature(doc); err == nil || !strings.Contains(err.Error(), "references") {
		t.Errorf("references: %v", err)
	}

	svcs := strings.Repeat("<TSPService/>", MaxServices+1)
	doc, err = parseXML([]byte(`<TrustServiceStatusList ` + ns + `><TrustServiceProviderList><TrustServiceProvider><TSPServices>` + svcs + `</TSPServices></TrustServiceProvider></TrustServiceProviderList></TrustServiceStatusList>`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&List{root: doc.root}).Services(); err == nil || !strings.Contains(err.Error(), "services") {
		t.Errorf("services: %v", err)
	}

	ptrs := strings.Repeat("<OtherTSLPointer/>", MaxPointers+1)
	doc, err = parseXML([]byte(`<PointersToOtherTSL ` + ns + `>` + ptrs + `</PointersToOtherTSL>`))
	if err != nil {
		t.Fatal(err)
	}
	if err := (&List{}).readPointers(doc.root); err == nil || !strings.Contains(err.Error(), "pointers") {
		t.Errorf("pointers: %v", err)
	}
}

func TestRefusesDTD(t *testing.T) {
	if _, err := parseXML([]byte(`<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>`)); err == nil {
		t.Error("a DTD was accepted")
	}
}
