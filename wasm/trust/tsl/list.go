// Package tsl reads EU trusted lists (ETSI TS 119 612): the list of
// trusted lists (LOTL) and the national lists. [ReadLOTL] and [ReadList]
// verify a list's enveloped XML signature against the certificates allowed
// to sign it and refuse a list that is unsigned, wrongly signed or not
// parseable, with the reason. [Build] turns verified lists into the
// compact [trust.Bundle] the verifier embeds.
//
// It is used by `verso trust build` (native); nothing here does I/O.
package tsl

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// nsTSL is the namespace of ETSI TS 119 612 v2 lists.
const nsTSL = "http://uri.etsi.org/02231/v2#"

// List is a verified trusted list.
type List struct {
	Territory  string
	Sequence   int
	Issued     time.Time
	NextUpdate time.Time
	Signer     *x509.Certificate
	// Pointers are the national lists the LOTL points to.
	Pointers []Pointer

	root *node
}

// Pointer is an OtherTSLPointer of the LOTL: where a national list is and
// who may sign it.
type Pointer struct {
	Territory string
	Location  string
	Signers   []*x509.Certificate
}

// RefusedError says why a list is not trusted.
type RefusedError struct {
	List   string
	Reason string
}

func (e *RefusedError) Error() string { return e.List + " refused: " + e.Reason }

// ReadLOTL parses and verifies the EU list of trusted lists. Its signer
// must be one of pinned, the certificates announced in the Official
// Journal, given by SHA-256 fingerprint (hex).
func ReadLOTL(data []byte, pinned []string) (*List, error) {
	l, err := read("the LOTL", data)
	if err != nil {
		return nil, err
	}
	fp := Fingerprint(l.Signer)
	for _, p := range pinned {
		if strings.EqualFold(strings.ReplaceAll(p, ":", ""), fp) {
			return l, nil
		}
	}
	return nil, &RefusedError{"the LOTL", fmt.Sprintf("signed by %q (SHA-256 %s), which is not a pinned LOTL signing certificate", l.Signer.Subject.CommonName, fp)}
}

// ReadList parses and verifies a national list; its signer must be one of
// the certificates the LOTL names for its territory.
func ReadList(data []byte, lotl *List) (*List, error) {
	l, err := read("a national list", data)
	if err != nil {
		return nil, err
	}
	name := "the " + l.Territory + " list"
	for _, p := range lotl.Pointers {
		if p.Territory != l.Territory {
			continue
		}
		for _, c := range p.Signers {
			if bytes.Equal(c.Raw, l.Signer.Raw) || bytes.Equal(c.RawSubjectPublicKeyInfo, l.Signer.RawSubjectPublicKeyInfo) {
				return l, nil
			}
		}
		return nil, &RefusedError{name, fmt.Sprintf("signed by %q, not by a certificate the LOTL names for %s", l.Signer.Subject.CommonName, l.Territory)}
	}
	return nil, &RefusedError{name, "the LOTL does not point to a list for " + l.Territory}
}

func read(what string, data []byte) (*List, error) {
	doc, err := parseXML(data)
	if err != nil {
		return nil, &RefusedError{what, "not parseable: " + err.Error()}
	}
	if !doc.root.is(nsTSL, "TrustServiceStatusList") {
		return nil, &RefusedError{what, "not an ETSI TS 119 612 trusted list"}
	}
	signer, err := verifySignature(doc)
	if errors.Is(err, ErrUnsigned) {
		return nil, &RefusedError{what, "unsigned"}
	}
	if err != nil {
		return nil, &RefusedError{what, "bad signature: " + err.Error()}
	}
	l := &List{Signer: signer, root: doc.root}
	si := doc.root.child("SchemeInformation")
	l.Territory = si.child("SchemeTerritory").text()
	l.Sequence, _ = strconv.Atoi(si.child("TSLSequenceNumber").text())
	if l.Issued, err = time.Parse(time.RFC3339, si.child("ListIssueDateTime").text()); err != nil {
		return nil, &RefusedError{what, "no valid ListIssueDateTime"}
	}
	l.NextUpdate, _ = time.Parse(time.RFC3339, si.path("NextUpdate", "dateTime").text())
	if l.Issued.Before(signer.NotBefore) || l.Issued.After(signer.NotAfter) {
		return nil, &RefusedError{what, fmt.Sprintf("the signer certificate was not valid when the list was issued (%s)", l.Issued.Format(time.DateOnly))}
	}
	if err := l.readPointers(si.child("PointersToOtherTSL")); err != nil {
		return nil, &RefusedError{what, err.Error()}
	}
	return l, nil
}

// readPointers reads the XML national lists the LOTL points to (it also
// points to their PDF copies and to itself).
func (l *List) readPointers(ptrs *node) error {
	all := ptrs.all("OtherTSLPointer")
	if len(all) > MaxPointers {
		return fmt.Errorf("more than %d pointers to other lists", MaxPointers)
	}
	for _, p := range all {
		var ptr Pointer
		ptr.Location = p.child("TSLLocation").text()
		mime := ""
		for _, oi := range p.path("AdditionalInformation").all("OtherInformation") {
			if t := oi.child("SchemeTerritory"); t != nil {
				ptr.Territory = t.text()
			}
			if m := oi.child("MimeType"); m != nil {
				mime = m.text()
			}
		}
		if mime != "application/vnd.etsi.tsl+xml" {
			continue
		}
		for _, sdi := range p.path("ServiceDigitalIdentities").all("ServiceDigitalIdentity") {
			ptr.Signers = append(ptr.Signers, certificates(sdi)...)
		}
		l.Pointers = append(l.Pointers, ptr)
	}
	return nil
}

// certificates returns the X509Certificate values of a
// ServiceDigitalIdentity; unreadable ones are skipped.
func certificates(sdi *node) []*x509.Certificate {
	var out []*x509.Certificate
	for _, id := range sdi.all("DigitalId") {
		c := id.child("X509Certificate")
		if c == nil {
			continue
		}
		der, err := decodeBase64(c.text())
		if err != nil {
			continue
		}
		if cert, err := x509.ParseCertificate(der); err == nil {
			out = append(out, cert)
		}
	}
	return out
}

// Fingerprint is a certificate's SHA-256 in upper-case hex.
func Fingerprint(c *x509.Certificate) string {
	s := sha256.Sum256(c.Raw)
	return strings.ToUpper(hex.EncodeToString(s[:]))
}
