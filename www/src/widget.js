// The verso widget for other sites:
//
//   <script type="module" src="https://HOST/widget.js"></script>
//   <verso-verify lang="en" theme="auto" src="/contract.pdf"></verso-verify>
//
// It frames HOST/embed.html (another origin, so the host's CSP needs no
// 'wasm-unsafe-eval'), hands it the File (structured clone: the same file,
// not a copy of its bytes), sizes the frame to its content and emits
// `verso-report` with the Report. Messages are checked both ways: only the
// frame, from HOST's origin, is listened to, and only it is written to.

const frameURL = new URL('embed.html', import.meta.url);
const sheet = new CSSStyleSheet();
sheet.replaceSync(':host{display:block;min-width:16rem}iframe{display:block;width:100%;height:20rem;border:0;color-scheme:normal}');

class VersoVerify extends HTMLElement {
  static observedAttributes = ['lang', 'theme', 'src'];

  #frame = null;
  #ready = null;
  #readyResolve = null;
  #pending = [];
  #onMessage = (event) => this.#receive(event);

  connectedCallback() {
    if (this.#frame) return;
    this.#ready = new Promise((resolve) => { this.#readyResolve = resolve; });
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    const url = new URL(frameURL);
    url.searchParams.set('origin', location.origin);
    for (const name of ['lang', 'theme']) if (this.getAttribute(name)) url.searchParams.set(name, this.getAttribute(name));
    this.#frame = document.createElement('iframe');
    this.#frame.title = this.getAttribute('title') || 'verso: check a signed PDF';
    this.#frame.src = url.href;
    window.addEventListener('message', this.#onMessage);
    root.replaceChildren(this.#frame);
    if (this.getAttribute('src')) this.#load(this.getAttribute('src'));
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.#onMessage);
    this.#frame?.remove();
    this.#frame = null;
  }

  attributeChangedCallback(name, old, value) {
    if (!this.#frame || old === value) return;
    if (name === 'src' && value) this.#load(value);
    else if (name === 'lang' || name === 'theme') {
      this.#post({ type: 'verso:settings', lang: this.getAttribute('lang') ?? undefined, theme: this.getAttribute('theme') ?? undefined });
    }
  }

  /**
   * Checks a PDF in the frame; resolves to its Report (also emitted as
   * the verso-report event).
   * @param {File|Blob} file
   */
  verify(file) {
    if (!(file instanceof Blob)) return Promise.reject(new TypeError('verify expects a File or Blob'));
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#post({ type: 'verso:file', file });
    });
  }

  async #load(src) {
    try {
      // The host page fetches its own document: the frame never sees the URL.
      const res = await fetch(new URL(src, document.baseURI), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`${src}: HTTP ${res.status}`);
      const blob = await res.blob();
      const name = decodeURIComponent(new URL(res.url).pathname.split('/').pop() || 'document.pdf');
      await this.verify(new File([blob], name, { type: blob.type || 'application/pdf' }));
    } catch (err) {
      this.dispatchEvent(new CustomEvent('verso-error', { detail: { message: err.message }, bubbles: true, composed: true }));
    }
  }

  async #post(message) {
    await this.#ready;
    this.#frame?.contentWindow?.postMessage(message, frameURL.origin);
  }

  #receive(event) {
    if (!this.#frame || event.source !== this.#frame.contentWindow || event.origin !== frameURL.origin) return;
    const data = event.data ?? {};
    switch (data.type) {
      case 'verso:ready':
        this.#readyResolve();
        break;
      case 'verso:size':
        if (Number.isFinite(data.height)) this.#frame.style.height = `${Math.max(0, Math.min(data.height, 1e5))}px`;
        break;
      case 'verso:report':
        this.#pending.shift()?.resolve(data.report);
        this.dispatchEvent(new CustomEvent('verso-report', { detail: data.report, bubbles: true, composed: true }));
        break;
      case 'verso:error':
        this.#pending.shift()?.reject(new Error(data.message));
        this.dispatchEvent(new CustomEvent('verso-error', { detail: { message: data.message }, bubbles: true, composed: true }));
        break;
    }
  }
}

if (!customElements.get('verso-verify')) customElements.define('verso-verify', VersoVerify);
