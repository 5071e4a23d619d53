/**
 * Reads a widget canvas back in the page and summarises it: how many pixels differ from the
 * background, and the colour at given points. Used instead of pixel-exact image comparison.
 */
import type { Page, Frame } from 'playwright-core';

/** Summary of one canvas read-back. */
export interface CanvasStats {
  width: number;
  height: number;
  /** Pixels whose colour differs from the corner (background) pixel by more than 8/255. */
  nonBackground: number;
  /** Sum of |pixel − background| over all channels, a cheap fingerprint of the picture. */
  inkSum: number;
}

/** Reads the first canvas under `rootSelector`. The widget renders with preserveDrawingBuffer. */
export async function canvasStats(page: Page | Frame, rootSelector: string): Promise<CanvasStats> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(`${sel} canvas`) as HTMLCanvasElement | null;
    if (!canvas) throw new Error(`no canvas under ${sel}`);
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(canvas, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    const bg = [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
    let nonBackground = 0;
    let inkSum = 0;
    for (let i = 0; i < data.length; i += 4) {
      const d = Math.abs((data[i] ?? 0) - (bg[0] ?? 0)) + Math.abs((data[i + 1] ?? 0) - (bg[1] ?? 0)) + Math.abs((data[i + 2] ?? 0) - (bg[2] ?? 0));
      if (d > 24) nonBackground++;
      inkSum += d;
    }
    return { width: copy.width, height: copy.height, nonBackground, inkSum };
  }, rootSelector);
}

/** Waits until `predicate(stats)` holds or `timeoutMs` passes; returns the last stats. */
export async function waitForCanvas(
  page: Page | Frame,
  rootSelector: string,
  predicate: (s: CanvasStats) => boolean,
  timeoutMs: number,
): Promise<CanvasStats> {
  const deadline = Date.now() + timeoutMs;
  let last: CanvasStats | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await canvasStats(page, rootSelector);
      if (predicate(last)) return last;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`canvas condition not met in ${timeoutMs} ms; last stats ${JSON.stringify(last)}; last error ${String(lastError)}`);
}
