// The verify page's entry point: it starts the verifier in a Web Worker,
// publishes globalThis.verso for scripts and tests, and wires the page.
//
//   await verso.ready                 // { version }
//   await verso.verify(fileOrBytes)   // the Report, as verso verify --json prints it
//   await verso.signedRevision(fileOrBytes, index)   // Uint8Array: what signature index signed

import { Verifier } from './verifier.js';
import { mountPage } from './page.js';

/* global VERSO_WORKER_FILE -- the worker's hashed name, set by build/site */
const verifier = new Verifier(new URL(VERSO_WORKER_FILE, import.meta.url));

globalThis.verso = Object.freeze({
  ready: verifier.ready,
  verify: (fileOrBytes) => verifier.verify(fileOrBytes),
  signedRevision: (fileOrBytes, index) => verifier.signedRevision(fileOrBytes, index),
  /** Measurements for benchmarks: { wasmMemoryBytes }. */
  stats: () => ({ wasmMemoryBytes: verifier.wasmMemoryBytes }),
});

mountPage(document, verifier);
