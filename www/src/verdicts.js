// How the page names each verdict of the Report. The words carry the
// meaning; colour and icon only repeat it.

/** @type {Record<string, {title: string, tone: string, icon: string}>} */
export const verdicts = {
  VALID: { title: 'Signatures are valid', tone: 'good', icon: 'check' },
  MODIFIED: { title: 'Changed after signing', tone: 'warn', icon: 'warning' },
  INVALID: { title: 'A signature is not valid', tone: 'bad', icon: 'cross' },
  NO_SIGNATURES: { title: 'No signatures', tone: 'neutral', icon: 'dash' },
  ERROR: { title: 'Could not check this file', tone: 'bad', icon: 'alert' },
};

/** The presentation of a verdict this page does not know yet. */
export const unknownVerdict = { title: 'Unknown result', tone: 'neutral', icon: 'alert' };

/** Icon outlines on a 24×24 grid, drawn with a 2px round stroke. */
export const icons = {
  check: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20', 'M7.5 12.5l3 3l6-6.5'],
  cross: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20', 'M8.5 8.5l7 7', 'M15.5 8.5l-7 7'],
  warning: ['M12 3L22 20H2Z', 'M12 9.5v4.5', 'M12 17.2v.1'],
  dash: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20', 'M8 12h8'],
  alert: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20', 'M12 7v6', 'M12 16.5v.1'],
  pending: ['M12 2a10 10 0 1 0 10 10'],
};
