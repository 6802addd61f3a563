// The widget's frame talks to the host page that embeds it (widget.js):
// the host sends a File and settings, the frame answers with its height
// and the Report. Every message is checked: it must come from the parent
// window and from the origin the host named, which the browser confirms
// (location.ancestorOrigins) where it can; the frame sends only there.

import { setLanguage } from './i18n.js';
import { applyTheme } from './settings.js';

/**
 * @param {Window} win the frame's window
 * @param {(onReport: (report: object) => void) => {check: (file: File) => Promise<object|undefined>}} mount
 */
export function connectHost(win, mount) {
  const host = hostOrigin(win);
  if (!host) {
    // Opened on its own or by a page that hides its origin: a plain
    // verifier that talks to nobody.
    mount(() => {});
    return;
  }
  const send = (message) => win.parent.postMessage(message, host);
  const page = mount((report) => send({ type: 'verso:report', report }));

  win.addEventListener('message', async (event) => {
    if (event.source !== win.parent || event.origin !== host) return;
    const data = event.data ?? {};
    switch (data.type) {
      case 'verso:file':
        if (data.file instanceof Blob) {
          const file = data.file instanceof File ? data.file : new File([data.file], 'document.pdf');
          const report = await page.check(file);
          if (!report) send({ type: 'verso:error', message: 'the check did not run' });
        }
        break;
      case 'verso:settings':
        if (typeof data.theme === 'string') applyTheme(data.theme);
        if (typeof data.lang === 'string') await setLanguage(data.lang);
        break;
    }
  });

  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(win.document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      send({ type: 'verso:size', height });
    }
  }).observe(win.document.documentElement);
  send({ type: 'verso:ready' });
}

// The origin the host put in the frame's URL, when it is a well-formed
// origin and the browser's record of the embedding page agrees.
function hostOrigin(win) {
  if (win.parent === win) return null;
  const claimed = new URLSearchParams(win.location.search).get('origin');
  let origin;
  try {
    origin = new URL(claimed).origin;
  } catch {
    return null;
  }
  if (origin !== claimed || origin === 'null') return null;
  const ancestors = win.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] !== origin) return null;
  return origin;
}
