/**
 * Starts Debian's Chromium headless through playwright-core, with the flags that give software
 * WebGL2 (SwiftShader) on a machine without a GPU (reference/performance.md §4).
 */
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'fs';
import CHROMIUM_ARGS from './chromium-args.json';

/** Path of the system Chromium the tests drive (Debian package `chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Launch flags, shared with bench/render-chromium.js (reference/performance.md §4). */
const ARGS: string[] = CHROMIUM_ARGS;

/** Launches headless Chromium; fails with a clear message when the package is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run 'make install' (it installs Debian's chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
