// Writes small, well-formed PDFs for the tests, with a correct xref table.

/**
 * Returns a one-page PDF without signatures, as bytes.
 * @param {string} text the line written on the page (ASCII)
 * @param {{padBytes?: number}} [options] padBytes: an unused stream of that size, for large files
 */
export function unsignedPDF(text = 'Not signed', { padBytes = 0 } = {}) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    stream(`BT /F1 24 Tf 72 760 Td (${text}) Tj ET`),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  if (padBytes > 0) objects.push(stream('%'.repeat(padBytes)));
  // The second line's bytes above 127 mark the file as binary (ISO 32000-1, 7.5.2).
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function stream(content) {
  return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
}
