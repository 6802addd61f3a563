// Saving what the page made (the report, a signed revision) as a file.

/** Offers blob as a download named name. */
export function downloadBlob(doc, blob, name) {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The file name without .pdf. */
export function baseName(name) {
  return name.replace(/\.pdf$/i, '') || 'document';
}
