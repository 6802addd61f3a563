// Package smartid is a client of SK ID Solutions' Smart-ID relying-party
// API v3 for signing: certificate choice (device link or notification),
// linked and notification signatures over a digest, long polling of
// session status, the device-link authCode, and verification of every
// response as SK requires (end result, signature with the returned
// certificate and algorithm, chain to the configured SK CAs only, Smart-ID
// policies, key usage, certificate level, expected identity).
//
// A [Client] holds no session state: what a session needs later (its id,
// secret, token, when it started) is returned to the caller, who keeps it
// (the relay seals it into an opaque handle). The client never logs.
//
// The client speaks HTTP only; the same code talks to SK's DEMO, the live
// service or relay/sim. TLS pinning of the RP API ([PinnedTransport]) is
// for native builds: a Cloudflare Worker cannot see the peer certificate.
package smartid
