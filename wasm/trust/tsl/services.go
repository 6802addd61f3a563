package tsl

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/verso-pdf/verso/wasm/trust"
)

// Services returns the list's qualified CA (CA/QC), TSA (TSA/QTST) and
// OCSP responder (OCSP/QC) services with their status history, newest status first.
func (l *List) Services() ([]trust.Service, error) {
	var out []trust.Service
	n := 0
	for _, tsp := range l.root.path("TrustServiceProviderList").all("TrustServiceProvider") {
		tspName := tsp.path("TSPInformation", "TSPName").child("Name").text()
		for _, svc := range tsp.path("TSPServices").all("TSPService") {
			if n++; n > MaxServices {
				return nil, fmt.Errorf("the %s list has more than %d services", l.Territory, MaxServices)
			}
			s, ok := service(svc)
			if !ok {
				continue
			}
			s.Territory, s.TSP = l.Territory, tspName
			out = append(out, s)
		}
	}
	return out, nil
}

func service(svc *node) (trust.Service, bool) {
	info := svc.child("ServiceInformation")
	typ := serviceType(info.child("ServiceTypeIdentifier").text())
	if typ == "" {
		return trust.Service{}, false
	}
	s := trust.Service{Type: typ, Name: info.path("ServiceName").child("Name").text()}
	seen := map[string]bool{}
	addCerts := func(n *node) {
		for _, c := range certificates(n.child("ServiceDigitalIdentity")) {
			if !seen[string(c.Raw)] {
				seen[string(c.Raw)] = true
				s.Certs = append(s.Certs, c.Raw)
			}
		}
	}
	addCerts(info)
	if st, ok := status(info); ok {
		s.History = append(s.History, st)
	}
	for _, h := range svc.path("ServiceHistory").all("ServiceHistoryInstance") {
		if serviceType(h.child("ServiceTypeIdentifier").text()) != typ {
			continue
		}
		addCerts(h)
		if st, ok := status(h); ok {
			s.History = append(s.History, st)
		}
	}
	sort.SliceStable(s.History, func(i, j int) bool { return s.History[i].From.After(s.History[j].From) })
	if len(s.History) > trust.MaxServiceHistory {
		s.History = s.History[:trust.MaxServiceHistory]
	}
	return s, len(s.Certs) > 0 && len(s.History) > 0
}

func serviceType(uri string) string {
	switch uri {
	case "http://uri.etsi.org/TrstSvc/Svctype/CA/QC":
		return trust.TypeCAQC
	case "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST":
		return trust.TypeTSAQTST
	case "http://uri.etsi.org/TrstSvc/Svctype/Certstatus/OCSP/QC":
		return trust.TypeOCSPQC
	}
	return ""
}

func status(n *node) (trust.ServiceStatus, bool) {
	from, err := time.Parse(time.RFC3339, n.child("StatusStartingTime").text())
	if err != nil {
		return trust.ServiceStatus{}, false
	}
	st := trust.ServiceStatus{Status: lastSegment(n.child("ServiceStatus").text()), From: from}
	for _, ext := range n.path("ServiceInformationExtensions").all("Extension") {
		if asi := ext.child("AdditionalServiceInformation"); asi != nil {
			st.Info = append(st.Info, lastSegment(asi.child("URI").text()))
		}
		for _, q := range ext.path("Qualifications").all("QualificationElement") {
			st.Qualifications = append(st.Qualifications, qualification(q))
		}
	}
	return st, true
}

func qualification(q *node) trust.QualificationElement {
	var out trust.QualificationElement
	for _, qu := range q.path("Qualifiers").all("Qualifier") {
		out.Qualifiers = append(out.Qualifiers, lastSegment(qu.attr("uri")))
	}
	out.Criteria = criteria(q.child("CriteriaList"), 0)
	return out
}

// criteria reads a CriteriaList; nesting deeper than a few levels is not
// seen in real lists and is marked unsupported.
func criteria(n *node, depth int) trust.Criteria {
	c := trust.Criteria{Assert: n.attr("assert")}
	if n == nil || depth > 4 {
		c.Unsupported = true
		return c
	}
	for _, ch := range n.children {
		e := ch.elem
		if e == nil {
			continue
		}
		switch e.local {
		case "KeyUsage":
			for _, b := range e.all("KeyUsageBit") {
				c.KeyUsage = append(c.KeyUsage, trust.KeyUsageBit{Name: b.attr("name"), Value: b.text() == "true"})
			}
		case "PolicySet":
			var set []string
			for _, p := range e.all("PolicyIdentifier") {
				set = append(set, strings.TrimPrefix(p.child("Identifier").text(), "urn:oid:"))
			}
			c.Policies = append(c.Policies, set)
		case "CriteriaList":
			c.Sub = append(c.Sub, criteria(e, depth+1))
		case "Description":
		default:
			c.Unsupported = true // otherCriteriaList: certificate DN or extension criteria
		}
	}
	return c
}

func lastSegment(uri string) string {
	uri = strings.TrimRight(strings.TrimSpace(uri), "/")
	return uri[strings.LastIndex(uri, "/")+1:]
}

// Build makes a bundle from a verified LOTL and national lists.
func Build(lotl *List, lists []*List, built time.Time) (*trust.Bundle, error) {
	b := &trust.Bundle{Format: trust.BundleFormat, Built: built.UTC(), Issued: lotl.Issued.UTC()}
	b.Lists = append(b.Lists, trust.ListInfo{Territory: lotl.Territory, Sequence: lotl.Sequence, Issued: lotl.Issued, NextUpdate: lotl.NextUpdate})
	for _, l := range lists {
		svcs, err := l.Services()
		if err != nil {
			return nil, err
		}
		b.Lists = append(b.Lists, trust.ListInfo{Territory: l.Territory, Sequence: l.Sequence, Issued: l.Issued, NextUpdate: l.NextUpdate})
		b.Services = append(b.Services, svcs...)
	}
	if len(b.Services) > trust.MaxBundleServices {
		return nil, fmt.Errorf("%d services exceed the bundle limit of %d", len(b.Services), trust.MaxBundleServices)
	}
	slices.SortStableFunc(b.Lists[1:], func(x, y trust.ListInfo) int { return strings.Compare(x.Territory, y.Territory) })
	return b, nil
}
