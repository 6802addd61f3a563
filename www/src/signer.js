// The sign page's side of the wasm signing API (wasm/sign_js.go), run in
// the verifier's Web Worker (worker.js, sign-worker.js). The PDF goes to
// the worker and stays in the browser; what the page sends to the relay
// are the signed attributes and RFC 3161 / OCSP requests these calls
// return. Every call resolves with the wasm's answer or rejects with an
// Error whose message is for people.
//
//   const signer = new Signer(worker);
//   const p = await signer.prepare(file, certDER, [{ page: 1, x: 400, y: 40 }], { level: 'B-LT' });
//   // POST p.signedAttributes to /api/v1/signature, long-poll for the value …
//   const ts = await signer.timestampRequest(p.id, value);   // POST ts.request to /api/v1/timestamp
//   const pdf = await signer.finish(p.id, value, PSS_OID, parameters, chain, timestampResponse);
//   // B-LT: ocspRequest → /api/v1/ocsp → checkOCSP, then addDSS(pdf, certs, ocsps)

/** The OID of RSASSA-PSS, the algorithm the relay answers with. */
export const PSS_OID = '1.2.840.113549.1.1.10';

/** Signing calls on a worker that runs worker.js. */
export class Signer {
  #worker;
  #pending = new Map();
  #next = 1;

  /** @param {Worker} worker the verifier's worker (it answers signing calls too) */
  constructor(worker) {
    this.#worker = worker;
    worker.addEventListener('message', ({ data }) => {
      const call = this.#pending.get(data?.id);
      if (!call || data.progress) return;
      this.#pending.delete(data.id);
      if (data.error === undefined) call.resolve(data.result);
      else call.reject(new Error(data.error));
    });
  }

  #call(op, ...args) {
    // Its own id space, apart from the verifier's numeric ids.
    const id = `sign-${this.#next++}`;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, sign: { op, args } });
    });
  }

  /**
   * Whether the document can be signed with these marks, before anyone's
   * phone rings. Resolves to null, rejects with the reason.
   * @param {Blob | Uint8Array} pdf
   * @param {{page: number, x: number, y: number}[]} marks
   * @param {{signers?: number, level?: string, hash?: string}} [options]
   */
  check(pdf, marks = [], options = {}) { return this.#call('check', pdf, marks, options); }

  /**
   * Prepares the signature of the chosen certificate.
   * @returns {Promise<{id: string, signedAttributes: Uint8Array, hash: string, digest: Uint8Array, letter: string, field: string, time: string}>}
   */
  prepare(pdf, certificate, marks = [], options = {}) { return this.#call('prepare', pdf, certificate, marks, options); }

  /** @returns {Promise<{digest: Uint8Array, request: Uint8Array}>} the TimeStampReq for /api/v1/timestamp */
  timestampRequest(id, signatureValue) { return this.#call('timestampRequest', id, signatureValue); }

  /**
   * Embeds the signature: resolves to the signed PDF.
   * @param {string} id from prepare
   * @param {Uint8Array} signatureValue
   * @param {string} algorithm an OID, PSS_OID for Smart-ID
   * @param {Uint8Array | null} parameters the DER algorithm parameters
   * @param {Uint8Array[]} chain the issuing certificates
   * @param {Uint8Array | null} timestampResponse the TSA's answer to timestampRequest, null for B-B
   * @returns {Promise<Uint8Array>}
   */
  finish(id, signatureValue, algorithm, parameters, chain, timestampResponse = null) {
    return this.#call('finish', id, signatureValue, algorithm, parameters, chain, timestampResponse);
  }

  /** @returns {Promise<Uint8Array>} an OCSP request for /api/v1/ocsp */
  ocspRequest(certificate, issuer) { return this.#call('ocspRequest', certificate, issuer); }

  /** Resolves to null when the answer says the certificate is good. */
  checkOCSP(response, certificate, issuer) { return this.#call('checkOCSP', response, certificate, issuer); }

  /** @returns {Promise<Uint8Array>} the PDF with a DSS increment (B-LT) */
  addDSS(pdf, certificates, ocsps) { return this.#call('addDSS', pdf, certificates, ocsps); }

  /** @returns {Promise<{id: string, digest: Uint8Array, request: Uint8Array}>} (B-LTA) */
  prepareDocumentTimestamp(pdf) { return this.#call('prepareDocumentTimestamp', pdf); }

  /** @returns {Promise<Uint8Array>} the PDF with its document timestamp */
  finishDocumentTimestamp(id, timestampResponse) { return this.#call('finishDocumentTimestamp', id, timestampResponse); }

  /** Forgets a prepared document (the wasm keeps at most four). */
  release(id) { return this.#call('release', id); }
}
