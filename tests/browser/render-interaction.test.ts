/**
 * Interaction with a live view in Chromium: hover shows a tooltip (outside text as text), clicks
 * select and the selection reaches the kernel and comes back, the kernel's screenshot requests
 * are answered with PNGs of the requested size, the camera resets, and dragging draws the level of
 * detail before the full picture returns.
 */
import path from 'path';
import { writeFileSync, mkdirSync } from 'fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { ROOT } from './helpers/python';
import { pngStatsInPage } from './helpers/png-stats';
import { mountView, openHostPage, rootOf, waitForPicture, type HostApi } from './helpers/render-harness';
import { startStaticServer, type StaticServer } from './helpers/static-server';

jest.setTimeout(120_000);

const RESULTS = path.join(ROOT, 'test-results/render');

type Hook = {
  projectNode(id: number): { x: number; y: number } | null;
  pick(x: number, y: number): { kind: string; id: number } | null;
  tooltip(): string;
  frameCount: number;
  refining(): boolean;
};

/** Pixels drawn on view `index`'s outline overlay (selection and hover outlines). */
function overlayInk(page: Page, index: number): Promise<number> {
  return page.evaluate((sel) => {
    const overlay = document.querySelector(`${sel} canvas.nnbundle-overlay`) as HTMLCanvasElement;
    const d = (overlay.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, overlay.width, overlay.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if ((d[i] ?? 0) > 0) n++;
    return n;
  }, rootOf(index));
}

describe('interaction in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  let view: number;
  let pageErrors: string[] = [];

  async function hook<T>(fn: string): Promise<T> {
    return page.evaluate(`(() => { const h = document.querySelector('${rootOf(view)}').__nnbundle; return ${fn}; })()`) as Promise<T>;
  }

  /** Page coordinates of a point given in CSS pixels from the canvas's top-left. */
  async function onPage(x: number, y: number): Promise<[number, number]> {
    const box = await page.locator(`${rootOf(view)} canvas.nnbundle-canvas`).boundingBox();
    if (!box) throw new Error('no canvas');
    return [box.x + x, box.y + y];
  }

  async function hover(x: number, y: number): Promise<void> {
    const [px, py] = await onPage(x, y);
    await page.mouse.move(px, py);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  async function click(x: number, y: number, modifier: 'Shift' | 'Control' | null = null): Promise<void> {
    const [px, py] = await onPage(x, y);
    if (modifier) await page.keyboard.down(modifier);
    await page.mouse.click(px, py);
    if (modifier) await page.keyboard.up(modifier);
  }

  function host(): string {
    return '(window.host)';
  }

  beforeAll(async () => {
    server = await startStaticServer();
    browser = await launchChromium();
    const host = await openHostPage(browser, server.url, { width: 800, height: 600 });
    page = host.page;
    pageErrors = host.pageErrors;
    // 'small': 3-4-2, classes cat/dog, the hidden layer is named 'hidden <b>&"'.
    view = await mountView(page, 'small', { camera_preset: 'upper_back_right', height: 420 }, { width: 560 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('hovering a node shows its layer, index and class importance as text', async () => {
    // node 4 is hidden-layer node 1: importance (1, 0)
    const at = (await hook<{ x: number; y: number }>('h.projectNode(4)')) as { x: number; y: number };
    expect(await hook('h.pick(' + at.x + ',' + at.y + ')')).toEqual({ kind: 'node', id: 4 });
    await hover(at.x, at.y);
    await page.waitForFunction((sel) => (document.querySelector(sel) as Element & { __nnbundle: Hook }).__nnbundle.tooltip() !== '', rootOf(view));
    const text = await hook<string>('h.tooltip()');
    expect(text.split('\n')).toEqual(['hidden <b>&" · node 1', 'importance ‖i‖ 1.000 · mean 0.500', 'class 0 (cat): 1.000', 'class 1 (dog): 0.000']);
    // outside text stays text: no <b> element was made from the layer name
    expect(await page.locator(`${rootOf(view)} .nnbundle-tooltip b`).count()).toBe(0);
    await page.mouse.move(2, 2);
    await page.waitForFunction((sel) => (document.querySelector(sel) as Element & { __nnbundle: Hook }).__nnbundle.tooltip() === '', rootOf(view));
  });

  test('hovering an edge names both ends, its weight and α', async () => {
    // input node 0 → hidden node 4 (hidden index 1): a straight edge; its middle is on it
    const a = (await hook<{ x: number; y: number }>('h.projectNode(0)')) as { x: number; y: number };
    const b = (await hook<{ x: number; y: number }>('h.projectNode(4)')) as { x: number; y: number };
    let found: { kind: string; id: number } | null = null;
    let at = { x: 0, y: 0 };
    for (const t of [0.5, 0.45, 0.55, 0.4, 0.6]) {
      at = { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
      found = await hook(`h.pick(${at.x}, ${at.y})`);
      if (found?.kind === 'edge') break;
    }
    expect(found?.kind).toBe('edge');
    await hover(at.x, at.y);
    await page.waitForFunction((sel) => (document.querySelector(sel) as Element & { __nnbundle: Hook }).__nnbundle.tooltip().includes('→'), rootOf(view));
    expect(await hook<string>('h.tooltip()')).toMatch(/^input \d → hidden <b>&" \d\nweight -?\d\.\d{3} · importance α \d\.\d{3}/);
    await page.mouse.move(2, 2);
  });

  test('clicks select, Shift-click adds, a click on empty space clears; the kernel gets each selection', async () => {
    const n4 = (await hook<{ x: number; y: number }>('h.projectNode(4)')) as { x: number; y: number };
    const n7 = (await hook<{ x: number; y: number }>('h.projectNode(7)')) as { x: number; y: number };
    const saved = await page.evaluate((i) => (window as unknown as { host: HostApi }).host.saved(i), view);
    await click(n4.x, n4.y);
    expect(await page.evaluate(`${host()}.get(${view}, 'selection')`)).toEqual({ nodes: [4], edges: [] });
    expect(await page.evaluate((i) => (window as unknown as { host: HostApi }).host.saved(i), view)).toBeGreaterThan(saved);
    await click(n7.x, n7.y, 'Shift');
    expect(await page.evaluate(`${host()}.get(${view}, 'selection')`)).toEqual({ nodes: [4, 7], edges: [] });
    // the selection is outlined on the overlay
    expect(await overlayInk(page, view)).toBeGreaterThan(50);
    await click(3, 3);
    expect(await page.evaluate(`${host()}.get(${view}, 'selection')`)).toEqual({ nodes: [], edges: [] });
  });

  test('a selection from the kernel is outlined; a malformed one is reported and ignored', async () => {
    await page.mouse.move(2, 2);
    await page.evaluate(`${host()}.set(${view}, 'selection', { nodes: [], edges: [3] })`);
    expect(await overlayInk(page, view)).toBeGreaterThan(50);
    await page.evaluate(`${host()}.set(${view}, 'selection', { nodes: [99] })`);
    expect(await hook<string>('h.error()')).toMatch(/selection = .* is invalid/);
    expect(await overlayInk(page, view)).toBeGreaterThan(50);
    await page.evaluate(`${host()}.set(${view}, 'selection', { nodes: [], edges: [] })`);
    expect(await hook<string>('h.error()')).toBe('');
    expect(await overlayInk(page, view)).toBe(0);
  });

  test('screenshots: PNG bytes of the requested size and scale, non-blank; bad requests get an error', async () => {
    await page.evaluate(`${host()}.message(${view}, { type: 'screenshot', id: 'a', width: 300, height: 200, scale: 2 })`);
    await page.evaluate(`${host()}.message(${view}, { type: 'screenshot', id: 'b', width: null, height: null })`);
    await page.evaluate(`${host()}.message(${view}, { type: 'screenshot', id: 'c', scale: 0 })`);
    await page.waitForFunction(`${host()}.sent(${view}).length >= 3`);
    const replies = await page.evaluate(async (i) => {
      const out: Record<string, unknown> = {};
      for (const { content, buffers } of (window as unknown as { host: HostApi }).host.sent(i)) {
        const entry: Record<string, unknown> = { ...content };
        const png = buffers[0];
        if (png) entry.base64 = btoa(String.fromCharCode(...png));
        out[content.id as string] = entry;
      }
      return out;
    }, view);
    for (const entry of Object.values(replies) as Record<string, unknown>[]) {
      if (typeof entry.base64 !== 'string') continue;
      const png = Buffer.from(entry.base64, 'base64');
      const stats = await pngStatsInPage(page, png);
      entry.decoded = [stats.width, stats.height];
      entry.inked = stats.inked;
      entry.signature = Array.from(png.subarray(0, 4));
    }
    const a = replies.a as Record<string, unknown>;
    expect(a).toMatchObject({ type: 'screenshot', ok: true, width: 600, height: 400, decoded: [600, 400], signature: [0x89, 0x50, 0x4e, 0x47] });
    expect(a.inked).toBeGreaterThan(2000);
    const cssWidth = await page.evaluate((sel) => (document.querySelector(sel) as HTMLElement).clientWidth, rootOf(view));
    expect(replies.b).toMatchObject({ ok: true, width: cssWidth, height: 420, decoded: [cssWidth, 420] });
    expect(replies.c).toEqual({ type: 'screenshot', id: 'c', ok: false, error: 'scale must be a number in (0, 8], got 0' });
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'screenshot-600x400.png'), Buffer.from(a.base64 as string, 'base64'));
  });

  test('the toolbar saves a PNG download of the view', async () => {
    const download = page.waitForEvent('download');
    await page.locator(`${rootOf(view)} .nnbundle-toolbar button[title^="Save"]`).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.png$/);
    const saved = path.join(RESULTS, 'toolbar-download.png');
    await file.saveAs(saved);
    const { readFileSync } = await import('fs');
    expect(Array.from(readFileSync(saved).subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  test('dragging turns the camera (the kernel gets the pose at the end); reset returns to the preset', async () => {
    const before = await page.evaluate(`${host()}.get(${view}, '_camera')`);
    const frames = await hook<number>('h.frameCount');
    const [x, y] = await onPage(280, 210);
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x + 12 * i, y + 3 * i);
    await page.mouse.up();
    await waitForPicture(page, view);
    expect(await hook<number>('h.frameCount')).toBeGreaterThan(frames);
    const dragged = (await page.evaluate(`${host()}.get(${view}, '_camera')`)) as { position: number[] };
    expect(dragged.position).not.toEqual((before as { position?: number[] } | undefined)?.position);
    await page.evaluate(`${host()}.message(${view}, { type: 'reset_camera' })`);
    const reset = (await page.evaluate(`${host()}.get(${view}, '_camera')`)) as { position: number[]; target: number[] };
    // upper_back_right: the base point plus (−2, 2, 2)
    expect(reset.position.map((v, i) => Math.round((v - (reset.target[i] as number)) * 1e6) / 1e6)).toEqual([-2, 2, 2]);
    expect(pageErrors).toEqual([]);
  });
});
