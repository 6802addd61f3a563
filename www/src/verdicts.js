// How the page presents each verdict of the Report and each status of a
// signature. The words carry the meaning; colour and icon only repeat it.

/** @type {Record<string, {tone: string, icon: string}>} */
export const verdicts = {
  VALID: { tone: 'good', icon: 'check' },
  MODIFIED: { tone: 'warn', icon: 'warning' },
  INVALID: { tone: 'bad', icon: 'cross' },
  NO_SIGNATURES: { tone: 'neutral', icon: 'dash' },
  ERROR: { tone: 'bad', icon: 'alert' },
};

/** The presentation of a verdict this page does not know yet. */
export const unknownVerdict = { tone: 'neutral', icon: 'alert' };

/** Tone and icon of a signature card's overall state. */
export function signatureTone(sig) {
  if (sig.status !== 'PASSED') return { tone: 'bad', icon: 'cross' };
  if (sig.modifications?.status === 'DISALLOWED') return { tone: 'warn', icon: 'warning' };
  if (sig.trust?.status === 'TRUSTED') return { tone: 'good', icon: 'check' };
  return { tone: 'neutral', icon: 'check' };
}

/** Icon outlines on a 24×24 grid, drawn with a 2px round stroke. */
export const icons = {
  check: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20', 'M7.5 12.5l3 3l6-6.5'],
  cross: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20', 'M8.5 8.5l7 7', 'M15.5 8.5l-7 7'],
  warning: ['M12 3L22 20H2Z', 'M12 9.5v4.5', 'M12 17.2v.1'],
  dash: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20', 'M8 12h8'],
  alert: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20', 'M12 7v6', 'M12 16.5v.1'],
  pending: ['M12 2a10 10 0 1 0 10 10'],
  download: ['M12 4v11', 'M7 10.5l5 5l5-5', 'M5 20h14'],
  print: ['M7 9V3h10v6', 'M7 18H4v-8h16v8h-3', 'M7 14h10v7H7z'],
  page: ['M6 2h9l5 5v15H6z', 'M14 2v6h6'],
  lock: ['M6 11h12v10H6z', 'M8.5 11V7.5a3.5 3.5 0 0 1 7 0V11'],
};
