// Wires the verify page: the file input behind the drop zone, the result
// area and the version line.

import { renderFailure, renderPending, renderReport } from './render.js';

/**
 * @param {Document} doc
 * @param {import('./verifier.js').Verifier} verifier
 */
export function mountPage(doc, verifier) {
  const input = doc.getElementById('file');
  const zone = doc.getElementById('drop-zone');
  const result = doc.getElementById('result');
  const version = doc.getElementById('version');

  verifier.ready.then(
    ({ version: v }) => {
      version.textContent = `verso verifier ${v}`;
      version.dataset.version = v;
      // When the verifier became usable, for tests and profiles: the
      // time since navigation start, as the browser measures it.
      performance.mark('verso:version-shown');
    },
    (err) => {
      version.textContent = `The verifier could not start: ${err.message}`;
      version.classList.add('failed');
    },
  );

  // Only the latest file's result is shown, whichever finishes first.
  let latest = 0;
  async function check(file) {
    const mine = ++latest;
    // "file chosen" to "report rendered", for the browser benchmark.
    performance.mark('verso:file-chosen');
    renderPending(result, file);
    try {
      const report = await verifier.verify(file);
      if (mine === latest) {
        renderReport(result, file, report);
        performance.measure('verso:check', 'verso:file-chosen');
      }
    } catch (err) {
      if (mine === latest) renderFailure(result, file, err);
    }
  }

  input.addEventListener('change', () => {
    const [file] = input.files;
    if (file) check(file);
    input.value = ''; // choosing the same file again checks it again
  });

  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const [file] = event.dataTransfer.files;
    if (file) check(file);
  });
  // A file dropped beside the zone would make the browser open it in place
  // of the page.
  for (const type of ['dragover', 'drop']) {
    doc.addEventListener(type, (event) => event.preventDefault());
  }
}
