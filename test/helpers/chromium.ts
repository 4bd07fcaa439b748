import { existsSync } from 'node:fs';

import type { Browser } from 'puppeteer-core';
import { tempFolder } from '../helpers.ts';

/** Debian's chromium (`apt-get install chromium`), or the one CHROMIUM_PATH names. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export const chromiumSkipReason: string | undefined = existsSync(chromiumPath)
  ? undefined
  : `no Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`;

/**
 * Headless Chromium with a fresh profile: no sandbox (tests run as root), software WebGL, and nothing
 * that reaches the network on its own.
 */
export async function launchChromium(): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir: tempFolder(),
    args: [
      '--no-sandbox',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}
