// Launches Debian's Chromium through playwright-core (which downloads no
// browser of its own).

import { chromium } from 'playwright-core';

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach
// Google's services, which a closed network refuses over and over.
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium with a fresh profile. */
export function launchChromium() {
  return chromium.launch({ executablePath, headless: true, args });
}
