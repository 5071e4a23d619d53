/**
 * Starts Debian's Chromium headless through playwright-core, with the flags that give software
 * WebGL2 (SwiftShader) on a machine without a GPU (reference/performance.md §4).
 */
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'fs';

/** Path of the system Chromium the tests drive (Debian package `chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/** Launches headless Chromium; fails with a clear message when the package is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run 'make install' (it installs Debian's chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
