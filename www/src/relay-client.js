// The sign page's calls to the relay (relay/API.md), same origin. What
// goes out: an identity number or nothing, the signed attributes (a few
// hundred bytes), RFC 3161 and OCSP requests. Never the PDF.
//
// Failures reject with a RelayError whose key names a sentence in the
// translations (sign.error.*) saying what happened and what to do next.

const api = new URL('api/v1/', document.baseURI);

/** A failure of the relay or of Smart-ID, for people. */
export class RelayError extends Error {
  /**
   * @param {string} key the translation key of the sentence (sign.error.*)
   * @param {string} detail the relay's own words, for the details line
   */
  constructor(key, detail = '') {
    super(detail || key);
    this.key = key;
    this.detail = detail;
  }
}

const b64 = (u8) => {
  let s = '';
  for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000));
  return btoa(s);
};
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function request(path, init, what) {
  let res;
  try {
    res = await fetch(new URL(path, api), { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch (err) {
    if (init?.signal?.aborted) throw err;
    throw new RelayError('sign.error.network', err.message);
  }
  if (res.ok) return res;
  let detail = '';
  try { detail = (await res.json()).error ?? ''; } catch { /* not JSON */ }
  throw new RelayError(statusKey(res.status, what), detail);
}

function statusKey(status, what) {
  switch (status) {
    case 404: return what === 'identity' ? 'sign.error.noAccount' : 'sign.error.generic';
    case 400: return what === 'identity' ? 'sign.error.badIdentity' : 'sign.error.generic';
    case 410: return 'sign.error.expired';
    case 429: return 'sign.error.rate';
    case 502: case 504: return 'sign.error.upstream';
    case 503: return 'sign.error.maintenance';
    default: return 'sign.error.generic';
  }
}

async function postJSON(path, body, what, signal) {
  const res = await request(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal,
  }, what);
  return res.json();
}

async function postBytes(path, bytes, type, signal) {
  const res = await request(path, { method: 'POST', headers: { 'Content-Type': type }, body: bytes, signal });
  return new Uint8Array(await res.arrayBuffer());
}

/** Smart-ID's end results, as sentences (sign.error.*). */
const endResults = {
  USER_REFUSED: 'sign.error.refused',
  USER_REFUSED_INTERACTION: 'sign.error.refused',
  USER_REFUSED_CERT_CHOICE: 'sign.error.refused',
  TIMEOUT: 'sign.error.timeout',
  DOCUMENT_UNUSABLE: 'sign.error.unusable',
  ACCOUNT_UNUSABLE: 'sign.error.unusable',
  WRONG_VC: 'sign.error.wrongCode',
  REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP: 'sign.error.updateApp',
  CERTIFICATE_REVOKED: 'sign.error.revoked',
  CALLBACK_REQUIRED: 'sign.error.sameDevice',
};

/** The relay's API, as the sign page uses it. */
export const relay = {
  /** Starts a certificate choice: by QR / same-device link ({}), or by identity. */
  certificateChoice(identity, signal) {
    return postJSON('certificate-choice', identity ? { identity } : {}, identity ? 'identity' : 'qr', signal);
  },

  /** The device link for this second: { qr, web2app? }. */
  async link(handle, lang, signal) {
    const res = await request(`sessions/${encodeURIComponent(handle)}/link?lang=${lang}`, { signal });
    return res.json();
  },

  /**
   * Long-polls a session until it completes; resolves to the completed
   * session, rejects with a RelayError when it ended otherwise.
   */
  async poll(handle, signal) {
    for (;;) {
      const res = await request(`sessions/${encodeURIComponent(handle)}?timeoutMs=30000`, { signal });
      const s = await res.json();
      if (s.state !== 'COMPLETE') continue;
      if (s.result === 'OK') return s;
      throw new RelayError(endResults[s.result] ?? 'sign.error.failed', s.message ?? s.result);
    }
  },

  /**
   * Presents a same-device callback (the parameters the Smart-ID app put
   * on the callback URL); resolves like a completed certificate choice.
   */
  async callback(handle, { value, sessionSecretDigest }, signal) {
    const s = await postJSON(`sessions/${encodeURIComponent(handle)}/callback`, { value, sessionSecretDigest }, 'callback', signal);
    if (s.state === 'COMPLETE' && s.result === 'OK') return s;
    throw new RelayError(endResults[s.result] ?? 'sign.error.failed', s.message ?? s.result);
  },

  /** Starts the signature over the signed attributes: { handle, flow, verificationCode? }. */
  signature(handle, signedAttributes, signal) {
    return postJSON('signature', { handle, signedAttributes: b64(signedAttributes) }, 'signature', signal);
  },

  timestamp(request, signal) { return postBytes('timestamp', request, 'application/timestamp-query', signal); },
  ocsp(request, signal) { return postBytes('ocsp', request, 'application/ocsp-request', signal); },
};

export { b64, unb64 };
