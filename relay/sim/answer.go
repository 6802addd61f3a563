package sim

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"slices"
	"time"
)

// answerHow is how the phone answers.
type answerHow int

const (
	answerAsConfigured answerHow = iota // the account's configured result
	answerConfirm                       // a person confirmed with a PIN
	answerRefuse                        // a person refused
)

// answer completes sess as acct's phone would, reached by flowType.
func (s *Simulator) answer(sess *session, acct Account, flowType string, how answerHow) {
	status, err := s.outcome(sess, acct, flowType, how)
	if err != nil {
		s.log.Error("answering a session failed", "kind", sess.ep.kind.String(), "error", err)
		status = SessionStatus{State: "COMPLETE", Result: &SessionResult{EndResult: ResultServerError}}
	}
	s.complete(sess, status)
}

// interactionUsed is the first listed interaction: the app supports all.
func (sess *session) interactionUsed() Interaction {
	if len(sess.req.interactions) == 0 {
		return Interaction{}
	}
	return sess.req.interactions[0]
}

// outcome computes the final status.
func (s *Simulator) outcome(sess *session, acct Account, flowType string, how answerHow) (SessionStatus, error) {
	done := func(r string) SessionStatus {
		return SessionStatus{State: "COMPLETE", Result: &SessionResult{EndResult: r}}
	}
	kind := sess.ep.kind
	used := sess.interactionUsed()
	result := acct.result()
	switch how {
	case answerConfirm:
		result = ResultOK
	case answerRefuse:
		result = ResultUserRefused
		if kind != kindCertificate {
			result = ResultUserRefusedInteraction
		}
	}
	// Results tied to screens a flow does not have.
	switch result {
	case ResultUserRefusedInteraction, ResultInteractionNotSupported:
		if kind == kindCertificate {
			result = ResultOK // certificate choice shows no interaction
		}
	case ResultWrongVC:
		if used.Type != InteractionConfirmationVC {
			result = ResultOK // only the verification-code choice can go wrong
		}
	case ResultUserRefusedCertChoice:
		if kind != kindCertificate {
			result = ResultOK
		}
	}
	if kind == kindSignature && sess.ep.flow != flowLinked && result == ResultOK && s.store.takeExpectedLink(acct.DocumentNumber, s.now()) {
		result = ResultExpectedLinkedSession
	}
	switch result {
	case ResultOK:
	case ResultUserRefusedInteraction:
		st := done(result)
		st.Result.Details = &ResultDetails{Interaction: refusedInteraction(acct, sess.req.interactions, used)}
		return st, nil
	default:
		return done(result), nil
	}

	cert, key, err := s.userFor(acct)
	if err != nil {
		return SessionStatus{}, err
	}
	st := done(ResultOK)
	st.Result.DocumentNumber = acct.DocumentNumber
	st.Cert = &Certificate{Value: base64.StdEncoding.EncodeToString(cert.Raw), CertificateLevel: acct.Level()}
	st.Signature = &SessionSignature{FlowType: flowType}
	if rp := sess.req.RequestProperties; rp != nil {
		st.IgnoredProperties = rp.Ignored
		if rp.ShareMdClientIPAddress {
			st.DeviceIPAddress = "203.0.113.34" // a documentation address
		}
	}
	if kind == kindCertificate {
		return st, nil
	}
	sig, params, err := signDigest(key, sess.req.algorithm, sess.req.hashName, sess.req.hash, sess.req.digest)
	if err != nil {
		return SessionStatus{}, err
	}
	st.SignatureProtocol = sess.req.SignatureProtocol
	st.Signature.Value = base64.StdEncoding.EncodeToString(sig)
	st.Signature.SignatureAlgorithm = sess.req.algorithm
	st.Signature.SignatureAlgorithmParameters = params
	st.InteractionTypeUsed = used.Type
	return st, nil
}

// refusedInteraction names the screen refused: the account's own when the
// session offered it, else the one shown. SK's demo account that refuses
// "verificationCodeChoice" refuses the v3 screen that has that choice.
func refusedInteraction(acct Account, offered []Interaction, used Interaction) string {
	want := acct.Interaction
	if want == InteractionVCChoice {
		want = InteractionConfirmationVC
	}
	if slices.ContainsFunc(offered, func(in Interaction) bool { return in.Type == want }) {
		return want
	}
	if used.Type != "" {
		return used.Type
	}
	return want
}

// signDigest signs a digest the way Smart-ID does: RSASSA-PSS with MGF1
// of the same hash and a salt as long as the hash, or RSASSA-PKCS1-v1_5
// for the legacy names. It returns the response's parameters.
func signDigest(key *rsa.PrivateKey, algorithm, hashName string, h crypto.Hash, digest []byte) ([]byte, *SignatureAlgorithmParameters, error) {
	if len(digest) != h.Size() {
		return nil, nil, fmt.Errorf("digest of %d bytes for %s", len(digest), hashName)
	}
	if algorithm != algRSASSAPSS {
		sig, err := rsa.SignPKCS1v15(nil, key, h, digest)
		return sig, nil, err
	}
	sig, err := rsa.SignPSS(rand.Reader, key, h, digest, &rsa.PSSOptions{SaltLength: h.Size(), Hash: h})
	if err != nil {
		return nil, nil, err
	}
	return sig, &SignatureAlgorithmParameters{
		HashAlgorithm:    hashName,
		MaskGenAlgorithm: &MaskGenAlgorithm{Algorithm: "id-mgf1", Parameters: &MaskGenHashAlg{HashAlgorithm: hashName}},
		SaltLength:       h.Size(),
		TrailerField:     "0xbc",
	}, nil
}

// complete ends sess with status unless it has ended already. It reports
// whether this call ended it.
func (s *Simulator) complete(sess *session, status SessionStatus) bool {
	st := s.store
	st.mu.Lock()
	if !sess.completed.IsZero() {
		st.mu.Unlock()
		return false
	}
	now := s.now()
	sess.status, sess.completed = status, now
	for _, t := range sess.timers {
		t.Stop()
	}
	if sess.ep.kind == kindCertificate && sess.ep.flow == flowDeviceLink && status.Result != nil &&
		status.Result.EndResult == ResultOK {
		st.expectLinked[status.Result.DocumentNumber] = linkWait{sessionID: sess.id, until: now.Add(linkWindow)}
	}
	close(sess.done)
	st.mu.Unlock()
	end := ""
	if status.Result != nil {
		end = status.Result.EndResult
	}
	s.log.Info("session completed", "kind", sess.ep.kind.String(), "endResult", end)
	return true
}

// takeExpectedLink reports whether the account's app waits for a linked
// signature, and stops the wait: an unlinked signature arriving then ends
// with EXPECTED_LINKED_SESSION.
func (st *store) takeExpectedLink(documentNumber string, now time.Time) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	w, ok := st.expectLinked[documentNumber]
	delete(st.expectLinked, documentNumber)
	return ok && !now.After(w.until)
}
