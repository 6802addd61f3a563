// The entry point of the sign page: the verifier's worker (it answers the
// signing calls too, sign-worker.js), the settings and the page.

import { Signer } from './signer.js';
import { mountSignPage } from './sign-page.js';
import { initialSettings, settingsBar } from './settings.js';

/* global VERSO_WORKER_FILE -- the worker's hashed name, set by build/site */
const worker = new Worker(new URL(VERSO_WORKER_FILE, import.meta.url), { type: 'module', name: 'verso-signer' });
const ready = new Promise((resolve, reject) => {
  worker.addEventListener('message', ({ data }) => {
    if (data?.type === 'ready') resolve({ version: data.version });
    if (data?.type === 'failed') reject(new Error(data.error));
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    reject(new Error(event.message || 'worker failed to load'));
  });
});
ready.catch(() => {});

await initialSettings();
document.getElementById('settings').append(settingsBar());
globalThis.versoSign = mountSignPage(document, new Signer(worker), ready);
