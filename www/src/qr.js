// The QR code of a Smart-ID device link, drawn as SVG from npm
// qrcode-generator (bundled: no request leaves the page). Dark modules on
// a white field with a quiet zone, in either theme: phones read that best.

import qrcode from 'qrcode-generator';

const svgNS = 'http://www.w3.org/2000/svg';
const quiet = 4; // modules of white around the code, as ISO/IEC 18004 asks

/**
 * An <svg> of text as a QR code, with a label for screen readers.
 * @param {string} text
 * @param {string} label
 * @returns {SVGSVGElement}
 */
export function qrSVG(text, label) {
  const qr = qrcode(0, 'L'); // the smallest version that holds text
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const size = n + 2 * quiet;
  let d = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.isDark(r, c)) d += `M${c + quiet} ${r + quiet}h1v1h-1z`;
    }
  }
  const svg = document.createElementNS(svgNS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', 'qr');
  svg.setAttribute('shape-rendering', 'crispEdges');
  const bg = document.createElementNS(svgNS, 'rect');
  bg.setAttribute('width', String(size));
  bg.setAttribute('height', String(size));
  bg.setAttribute('fill', '#fff');
  const path = document.createElementNS(svgNS, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(bg, path);
  svg.dataset.text = text; // what the code says, for tests
  return svg;
}
