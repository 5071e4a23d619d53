/**
 * Decodes a PNG in a browser page (its own image decoder) and says what is in it: size, the
 * top-left pixel, and how many pixels are inked (any channel below 250, i.e. not white).
 */
import type { Page } from 'playwright-core';

export interface PngStats {
  readonly width: number;
  readonly height: number;
  /** RGBA of the top-left pixel. */
  readonly corner: number[];
  readonly inked: number;
}

export async function pngStatsInPage(page: Page, png: Uint8Array): Promise<PngStats> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let inked = 0;
    for (let p = 0; p < d.length; p += 4) if ((d[p] ?? 0) < 250 || (d[p + 1] ?? 0) < 250 || (d[p + 2] ?? 0) < 250) inked++;
    return { width: bitmap.width, height: bitmap.height, corner: Array.from(d.subarray(0, 4)), inked };
  }, Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64'));
}
