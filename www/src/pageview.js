// The page view: the PDF's pages drawn by pdf.js, with a highlight over
// every signature widget and reference mark. Loaded on demand (a chunk of
// its own, with pdf.js); the bytes stay in this page and pdf.js's worker,
// which loads from this origin. Reusable by the sign page: mount() takes
// the bytes and a list of boxes.

import { AnnotationMode, GlobalWorkerOptions, PDFDataRangeTransport, getDocument } from 'pdfjs-dist/build/pdf.mjs';
import { h } from './dom.js';
import { t } from './i18n.js';

/* global PDFJS_WORKER_FILE -- pdf.js's worker, hashed name, set by build/site */
GlobalWorkerOptions.workerSrc = new URL(PDFJS_WORKER_FILE, import.meta.url).href;

const cssWidth = 560; // the width pages are drawn for, before device pixels

/** Files up to this size go to pdf.js whole; larger ones by ranges. */
const wholeUpTo = 8 << 20;
const rangeChunk = 1 << 16;

/**
 * The getDocument source for a PDF: bytes as they are; a Blob (a File)
 * read whole when small, else by ranges on pdf.js's demand, so that a
 * 300 MB scan costs the memory of the pages drawn, not two copies of the
 * file (this thread's and pdf.js's worker's).
 * @param {Uint8Array | Blob} data
 */
async function sourceOf(data) {
  if (!(data instanceof Blob)) return { data };
  if (data.size <= wholeUpTo) return { data: new Uint8Array(await data.arrayBuffer()) };
  const read = (begin, end) => data.slice(begin, end).arrayBuffer().then((b) => new Uint8Array(b));
  const transport = new PDFDataRangeTransport(data.size, await read(0, rangeChunk));
  transport.requestDataRange = (begin, end) => {
    read(begin, end).then((bytes) => transport.onDataRange(begin, bytes), () => transport.abort());
  };
  return { range: transport, length: data.size, rangeChunkSize: rangeChunk, disableAutoFetch: true, disableStream: true };
}

/**
 * Draws the pages of data into container and places boxes over them.
 * @param {HTMLElement} container
 * @param {Uint8Array | Blob} data the PDF: bytes (pdf.js takes them over)
 *   or a File
 * @param {{page: number, rect: number[], id: string, label: string, tone: string, text: string, onActivate: () => void}[]} boxes
 * @param {{onPick?: (at: {page: number, x: number, y: number}) => void}} [options]
 *   onPick (the sign page): a click on a page, or its "add a mark" button,
 *   picks a point in PDF points from the page's lower-left corner
 * @returns {Promise<{destroy: () => void, highlight: (id: string) => void, setBoxes: (boxes: object[]) => void, pages: number}>}
 */
export async function mount(container, data, boxes, { onPick } = {}) {
  const task = getDocument({
    ...(await sourceOf(data)),
    isEvalSupported: false, // the CSP forbids eval; pdf.js then draws fonts without it
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const pdf = await task.promise;
  const pageEls = [];
  const viewports = new Map();
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) {
        observer.unobserve(e.target);
        draw(pdf, e.target).catch((err) => { e.target.classList.add("failed"); e.target.dataset.error = err.message; });
      }
    }
  }, { rootMargin: '600px 0px' });

  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const el = h('figure', { class: 'pdf-page', id: `page-${n}`, 'data-page': n },
      h('div', { class: 'pdf-sheet' }),
      h('figcaption', {}, t('pages.page', { n })));
    const sheet = el.querySelector('.pdf-sheet');
    sheet.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
    viewports.set(n, viewport);
    for (const box of boxes.filter((b) => b.page === n)) sheet.append(boxButton(viewport, box));
    if (onPick) {
      const [bx, by] = viewport.viewBox;
      const pick = (vx, vy) => {
        const [x, y] = viewport.convertToPdfPoint(vx, vy);
        onPick({ page: n, x: x - bx, y: y - by });
      };
      sheet.classList.add('pickable');
      sheet.addEventListener('click', (event) => {
        if (event.target.closest('.highlight')) return;
        const r = sheet.getBoundingClientRect();
        pick(((event.clientX - r.left) / r.width) * viewport.width, ((event.clientY - r.top) / r.height) * viewport.height);
      });
      // Keyboards place a mark at the foot of the page, right of centre.
      el.querySelector('figcaption').append(' ', h('button', {
        type: 'button', class: 'link-button add-mark', 'data-page': n,
        onclick: () => pick(viewport.width * 0.62, viewport.height * 0.93),
      }, t('sign.mark.add', { n })));
    }
    pageEls.push(el);
    container.append(el);
    observer.observe(el);
    page.cleanup();
  }

  return {
    pages: pdf.numPages,
    /** Replaces every box (the sign page's marks as they change). */
    setBoxes(list) {
      for (const b of container.querySelectorAll('.pdf-sheet .highlight')) b.remove();
      for (const box of list) {
        const vp = viewports.get(box.page);
        if (vp) container.querySelector(`#page-${box.page} .pdf-sheet`).append(boxButton(vp, box));
      }
    },
    destroy() {
      observer.disconnect();
      task.destroy();
    },
    /** Scrolls the highlight into view, focuses it and makes it flash. */
    highlight(id) {
      const el = container.querySelector(`#${CSS.escape(id)}`);
      if (!el) return;
      el.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
      el.focus({ preventScroll: true });
      el.classList.remove('flash');
      void el.offsetWidth; // restart the animation
      el.classList.add('flash');
    },
  };
}

/** A highlight over box.rect (PDF user space) on a page of viewport. */
function boxButton(viewport, box) {
  const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(box.rect);
  const left = Math.min(x1, x2) / viewport.width;
  const top = Math.min(y1, y2) / viewport.height;
  const button = h('button', {
    type: 'button', class: `highlight tone-${box.tone}`, id: box.id, dataset: box.data,
    'aria-label': box.label, title: box.label, onclick: box.onActivate,
  }, h('span', { class: 'highlight-tag', 'aria-hidden': 'true' }, box.text));
  Object.assign(button.style, {
    left: `${100 * left}%`, top: `${100 * top}%`,
    width: `${(100 * Math.abs(x2 - x1)) / viewport.width}%`, height: `${(100 * Math.abs(y2 - y1)) / viewport.height}%`,
  });
  return button;
}

async function draw(pdf, figure) {
  const n = Number(figure.dataset.page);
  const page = await pdf.getPage(n);
  const scale = (cssWidth * Math.min(devicePixelRatio || 1, 2)) / page.getViewport({ scale: 1 }).width;
  const viewport = page.getViewport({ scale });
  const canvas = h('canvas', { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height), 'aria-hidden': 'true' });
  await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport, annotationMode: AnnotationMode.ENABLE }).promise;
  figure.querySelector('.pdf-sheet').prepend(canvas);
  figure.classList.add('drawn');
  page.cleanup();
}
