// The entry point of the verify page and of the widget's frame: it starts
// the verifier in a Web Worker, publishes globalThis.verso for scripts and
// tests, and wires the page.
//
//   await verso.ready                 // { version }
//   await verso.verify(fileOrBytes)   // the Report, as verso verify --json prints it
//   await verso.signedRevision(fileOrBytes, index)   // Uint8Array: what signature index signed

import { Verifier } from './verifier.js';

/* global VERSO_WORKER_FILE -- the worker's hashed name, set by build/site */
const verifier = new Verifier(new URL(VERSO_WORKER_FILE, import.meta.url));

globalThis.verso = Object.freeze({
  ready: verifier.ready,
  verify: (fileOrBytes) => verifier.verify(fileOrBytes),
  signedRevision: (fileOrBytes, index) => verifier.signedRevision(fileOrBytes, index),
  /** Measurements for benchmarks: { wasmMemoryBytes, timings }. */
  stats: () => ({ wasmMemoryBytes: verifier.wasmMemoryBytes, timings: verifier.timings }),
});

// The page's modules load while the worker fetches and compiles the wasm,
// the longest part of getting ready: importing them statically would hold
// the worker back until they had all arrived.
const [{ mountPage }, { initialSettings, settingsBar }] = await Promise.all([import('./page.js'), import('./settings.js')]);

const embed = document.documentElement.dataset.mode === 'embed';

if (embed) {
  // The widget's frame: language and theme come from the host's attributes.
  const params = new URLSearchParams(location.search);
  await initialSettings({ lang: params.get('lang') || undefined, theme: params.get('theme') || undefined });
  const { connectHost } = await import('./embed.js');
  connectHost(window, (onReport) => mountPage(document, verifier, { embed: true, onReport }));
} else {
  await initialSettings();
  document.getElementById('settings').append(settingsBar());
  mountPage(document, verifier);
  // Offline after the first visit: the service worker keeps the app shell
  // and the wasm, never a PDF (sw.js).
  if ('serviceWorker' in navigator && window.isSecureContext) {
    verifier.ready.finally(() => navigator.serviceWorker.register(new URL('../sw.js', import.meta.url)).catch(() => {}));
  }
}
