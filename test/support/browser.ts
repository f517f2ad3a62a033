import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { isCi } from './redis-available.js';

/** The Chromium the browser tests drive: Debian's package unless `CHROMIUM_PATH` says otherwise. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** True when {@link chromiumPath} is an executable file. */
export function chromiumAvailable(): boolean {
  try {
    accessSync(chromiumPath(), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when Chromium is installed. When it is not: false with a warning outside CI, so the
 * browser suites skip; a thrown error when `CI` is set, so they cannot silently skip there.
 */
export function requireChromium(suite = 'browser tests'): boolean {
  if (chromiumAvailable()) return true;
  const message =
    `Chromium is not installed at ${chromiumPath()} ` +
    '(apt-get install chromium, or set CHROMIUM_PATH)';
  if (isCi()) throw new Error(`${message}; it is required when CI is set`);
  console.warn(`Skipping ${suite}: ${message}.`);
  return false;
}

/** Launches headless Chromium with flags for containers and CI (no sandbox, GPU or network chatter). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
