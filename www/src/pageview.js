// The page view: the PDF's pages drawn by pdf.js, with a highlight over
// every signature widget and reference mark. Loaded on demand (a chunk of
// its own, with pdf.js); the bytes stay in this page and pdf.js's worker,
// which loads from this origin. Reusable by the sign page: mount() takes
// the bytes and a list of boxes.

import { AnnotationMode, GlobalWorkerOptions, getDocument } from 'pdfjs-dist/build/pdf.mjs';
import { h } from './dom.js';
import { t } from './i18n.js';

/* global PDFJS_WORKER_FILE -- pdf.js's worker, hashed name, set by build/site */
GlobalWorkerOptions.workerSrc = new URL(PDFJS_WORKER_FILE, import.meta.url).href;

const cssWidth = 560; // the width pages are drawn for, before device pixels

/**
 * Draws the pages of data into container and places boxes over them.
 * @param {HTMLElement} container
 * @param {Uint8Array} data the PDF (pdf.js takes it over)
 * @param {{page: number, rect: number[], id: string, label: string, tone: string, text: string, onActivate: () => void}[]} boxes
 * @returns {Promise<{destroy: () => void, highlight: (id: string) => void}>}
 */
export async function mount(container, data, boxes) {
  const task = getDocument({
    data,
    isEvalSupported: false, // the CSP forbids eval; pdf.js then draws fonts without it
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const pdf = await task.promise;
  const pageEls = [];
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
    el.querySelector('.pdf-sheet').style.aspectRatio = `${viewport.width} / ${viewport.height}`;
    for (const box of boxes.filter((b) => b.page === n)) {
      const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(box.rect);
      const left = Math.min(x1, x2) / viewport.width;
      const top = Math.min(y1, y2) / viewport.height;
      const button = h('button', {
        type: 'button', class: `highlight tone-${box.tone}`, id: box.id,
        'aria-label': box.label, title: box.label, onclick: box.onActivate,
      }, h('span', { class: 'highlight-tag', 'aria-hidden': 'true' }, box.text));
      Object.assign(button.style, {
        left: `${100 * left}%`, top: `${100 * top}%`,
        width: `${(100 * Math.abs(x2 - x1)) / viewport.width}%`, height: `${(100 * Math.abs(y2 - y1)) / viewport.height}%`,
      });
      el.querySelector('.pdf-sheet').append(button);
    }
    pageEls.push(el);
    container.append(el);
    observer.observe(el);
    page.cleanup();
  }

  return {
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
