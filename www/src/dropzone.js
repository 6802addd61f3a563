// A drop zone around a real <input type=file>: keyboards, screen readers
// and tests use the input; mice may drop. Shared with the sign page.

/**
 * @param {HTMLElement} zone the label that wraps the input
 * @param {HTMLInputElement} input
 * @param {(file: File) => void} onFile
 */
export function mountDropZone(zone, input, onFile) {
  const take = () => {
    const [file] = input.files;
    if (file) onFile(file);
    input.value = ''; // choosing the same file again checks it again
  };
  input.addEventListener('change', take);
  // The input is on screen before this script runs: a file chosen in that
  // moment (a quick visitor, a browser restoring the form) is taken now.
  take();
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
    if (file) onFile(file);
  });
  // A file dropped beside the zone would make the browser open it in place
  // of the page.
  for (const type of ['dragover', 'drop']) {
    zone.ownerDocument.addEventListener(type, (event) => event.preventDefault());
  }
}
