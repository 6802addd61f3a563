// Package sim is a local stand-in for Smart-ID: the relying-party API v3
// (as SK ID Solutions' DEMO service answers it), SK's mock "phone"
// contract, an RFC 3161 timestamping authority and an OCSP responder, all
// over a test PKI generated at start (or loaded from a directory).
//
// Build one with [New] and serve [Simulator.Handler], which answers paths
// relative to where it is mounted:
//
//	POST /v3/signature/...          the RP API v3: certificate choice, certificate,
//	                                signatures (authentication is not simulated yet)
//	GET  /v3/session/{id}           long-polled session status
//	POST /mock/device-link          SK's mock contract: "the user scanned this link"
//	POST /mock/status               switch every RP API answer to 480 or 580
//	GET  /phone                     a page where a person plays the user
//	GET  /device-link               where device links point: opens /phone
//	POST /tsa                       RFC 3161 (application/timestamp-query)
//	POST /ocsp, GET /ocsp/{req}     RFC 6960
//	GET  /ca/{name}.crt             the CA certificates named in AIA extensions
//
// Accounts and their outcomes are SK's published demo accounts (see
// accounts.go) plus any given in [Options].Accounts. The simulator is
// faithful to the published API to the field: request validation with RFC
// 9457 problem bodies, idempotency, device-link authCodes, long polling,
// RSASSA-PSS with its parameters, and deliberate unknown fields in
// responses that clients must ignore.
//
// It never logs identity numbers, document numbers, certificates or
// digests: log lines name the kind of session and its end result only.
package sim
