package sim

import (
	"net/http"
)

// routes builds the handler.
func (s *Simulator) routes() http.Handler {
	api := http.NewServeMux()
	for path, e := range map[string]endpoint{
		"/v3/signature/certificate/{documentNumber}":                       {kindSignature, flowSync, targetDocument},
		"/v3/signature/certificate-choice/device-link/anonymous":           {kindCertificate, flowDeviceLink, targetAnonymous},
		"/v3/signature/certificate-choice/notification/etsi/{semanticsId}": {kindCertificate, flowNotification, targetEtsi},
		"/v3/signature/device-link/etsi/{semanticsId}":                     {kindSignature, flowDeviceLink, targetEtsi},
		"/v3/signature/device-link/document/{documentNumber}":              {kindSignature, flowDeviceLink, targetDocument},
		"/v3/signature/notification/etsi/{semanticsId}":                    {kindSignature, flowNotification, targetEtsi},
		"/v3/signature/notification/document/{documentNumber}":             {kindSignature, flowNotification, targetDocument},
		"/v3/signature/notification/linked/{documentNumber}":               {kindSignature, flowLinked, targetDocument},
	} {
		api.HandleFunc("POST "+path, s.handleCreate(e))
	}
	api.HandleFunc("GET /v3/session/{sessionID}", s.handleStatus)
	api.HandleFunc("/v3/", func(w http.ResponseWriter, r *http.Request) {
		s.problem(w, http.StatusNotFound, "no such endpoint")
	})

	mux := http.NewServeMux()
	mux.Handle("/v3/", s.forcedStatus(api))
	mux.HandleFunc("POST /mock/device-link", s.handleMockDeviceLink)
	mux.HandleFunc("POST /mock/status", s.handleMockStatus)
	mux.HandleFunc("POST /tsa", s.handleTSA)
	mux.HandleFunc("POST /ocsp", s.handleOCSPPost)
	mux.HandleFunc("GET /ocsp/{request...}", s.handleOCSPGet)
	mux.HandleFunc("GET /ca/{name}", s.handleCA)
	mux.HandleFunc("GET /device-link", s.handleDeviceLink)
	s.phoneRoutes(mux)
	return mux
}

// forcedStatus answers 480 or 580 instead of the API when switched on.
func (s *Simulator) forcedStatus(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch code := int(s.status.Load()); code {
		case statusClientTooOld:
			s.problem(w, code, "the client is too old; upgrade it")
		case statusMaintenance:
			s.problem(w, code, "the system is under maintenance; retry later")
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// handleCA serves the CA certificates that AIA extensions name.
func (s *Simulator) handleCA(w http.ResponseWriter, r *http.Request) {
	certs := map[string]*authority{
		"root.crt": s.pki.root, "qualified.crt": s.pki.qualified,
		"nonqualified.crt": s.pki.nonQualified, "tsa-ca.crt": s.pki.tsaCA,
	}
	a, ok := certs[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/pkix-cert")
	_, _ = w.Write(a.cert.Raw)
}

// handleDeviceLink is where deviceLinkBase points: a browser that opens a
// device link lands on the phone page, which offers to answer it.
func (s *Simulator) handleDeviceLink(w http.ResponseWriter, r *http.Request) {
	target := "phone"
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	// A relative Location: http.Redirect would resolve it against the path
	// after the mount prefix was stripped.
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusSeeOther)
}
