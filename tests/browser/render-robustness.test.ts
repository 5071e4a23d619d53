/**
 * What breaks naive WebGL widgets, in Chromium: a lost WebGL context (the picture must stay and
 * come back, with changes made meanwhile), and many views on one page (browsers allow ~16 live
 * contexts; nnbundle shares one, also across copies of the widget module as anywidget loads one
 * per model).
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { DEFAULT_STATE, mountView, regionStats, rootOf, waitForPicture, type HostApi } from './helpers/render-harness';
import { startStaticServer, type StaticServer } from './helpers/static-server';
import { pngStatsInPage } from './helpers/png-stats';

jest.setTimeout(240_000);

const WHITE: [number, number, number] = [255, 255, 255];

type Hook = { sharedCanvas(): HTMLCanvasElement | null; frameCount: number };

describe('robustness in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openHost(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      const text = m.text();
      if (m.type() === 'error' && !text.includes('404')) problems.push(text);
      if (/too many active webgl contexts/i.test(text)) problems.push(text);
    });
    await page.goto(`${server.url}/pages/host.html`);
    await page.waitForFunction(() => 'host' in window);
    return { page, problems };
  }

  test('context loss keeps the picture; after the restore it redraws, with changes made meanwhile', async () => {
    const { page, problems } = await openHost();
    const view = await mountView(page, 'random-8-6-4', { camera_preset: 'front', height: 360 });
    const before = await regionStats(page, view, WHITE);
    expect(before.coloured).toBeGreaterThan(500);
    await page.evaluate((sel) => {
      const canvas = (document.querySelector(sel) as Element & { __nnbundle: Hook }).__nnbundle.sharedCanvas() as HTMLCanvasElement;
      const gl = canvas.getContext('webgl2') as WebGL2RenderingContext;
      (window as unknown as { loseContext: WEBGL_lose_context }).loseContext = gl.getExtension('WEBGL_lose_context') as WEBGL_lose_context;
      (window as unknown as { loseContext: WEBGL_lose_context }).loseContext.loseContext();
    }, rootOf(view));
    await page.waitForFunction((sel) => {
      const canvas = (document.querySelector(sel) as Element & { __nnbundle: Hook }).__nnbundle.sharedCanvas() as HTMLCanvasElement;
      return (canvas.getContext('webgl2') as WebGL2RenderingContext).isContextLost();
    }, rootOf(view));
    // While lost: the last picture stays, and a change of style is accepted without errors.
    await page.evaluate((i) => (window as unknown as { host: HostApi }).host.set(i, 'color_mode', 'independent'), view);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const during = await regionStats(page, view, WHITE);
    expect(during.inkSum).toBe(before.inkSum);
    const frames = await page.evaluate((sel) => (document.querySelector(sel) as Element & { __nnbundle: Hook }).__nnbundle.frameCount, rootOf(view));
    await page.evaluate(() => (window as unknown as { loseContext: WEBGL_lose_context }).loseContext.restoreContext());
    await page.waitForFunction(
      ([sel, f]) => (document.querySelector(sel as string) as Element & { __nnbundle: Hook }).__nnbundle.frameCount > (f as number),
      [rootOf(view), frames] as const,
      { timeout: 30_000 },
    );
    await waitForPicture(page, view);
    const after = await regionStats(page, view, WHITE);
    // the restored picture shows the Independent mode set during the loss: grey, as many pixels inked
    expect(after.coloured).toBe(0);
    expect(after.inked).toBeGreaterThan(0.8 * before.inked);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('20 views on one page all render, from one module and from separate module copies', async () => {
    const { page, problems } = await openHost();
    const views: number[] = [];
    for (let i = 0; i < 20; i++) {
      // every other view from its own copy of the widget module, as anywidget loads one per model
      const moduleUrl = i % 2 === 1 ? `/dist/nnbundle.js?copy=${i}` : null;
      views.push(await mountView(page, i % 3 === 0 ? 'small' : 'random-8-6-4', { height: 160, camera_preset: 'front' }, { width: 220, moduleUrl }));
    }
    // a change after all are mounted still redraws the first view (its context was not lost)
    await page.evaluate(() => (window as unknown as { host: HostApi }).host.set(0, 'background', 'dark'));
    await waitForPicture(page, 0);
    for (const view of views) {
      const background: [number, number, number] = view === 0 ? [0, 0, 0] : WHITE;
      const stats = await regionStats(page, view, background);
      expect({ view, inked: stats.inked > 200 }).toEqual({ view, inked: true });
    }
    const canvases = await page.evaluate(() => {
      const shared = new Set<HTMLCanvasElement>();
      for (const root of document.querySelectorAll('.nnbundle-root')) {
        const canvas = (root as Element & { __nnbundle: Hook }).__nnbundle.sharedCanvas();
        if (canvas) shared.add(canvas);
      }
      return shared.size;
    });
    expect(canvases).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('a module copy starting up does not spoil the next picture of a view from another copy', async () => {
    const { page, problems } = await openHost();
    const first = await mountView(page, 'random-8-6-4', { camera_preset: 'front', height: 200 }, { width: 300 });
    // The second copy's three.js renderer sets GL state when it is created (clear colour, blending,
    // bindings); the first view renders a screenshot right then, before the second one draws.
    const png = await page.evaluate(async ([i, state]) => {
      const host = (window as unknown as { host: HostApi }).host;
      const tables = await host.fetchTables('small');
      const mounted = host.mount({ ...state, _network: tables }, { width: 300, moduleUrl: '/dist/nnbundle.js?copy=late' });
      while (document.querySelectorAll('.nnbundle-root').length < 2) await new Promise((r) => setTimeout(r, 0));
      host.message(i, { type: 'screenshot', id: 'after-startup', width: 300, height: 200, scale: 1 });
      await mounted;
      while (host.sent(i).length === 0) await new Promise((r) => setTimeout(r, 10));
      const { content, buffers } = host.sent(i)[0] as { content: Record<string, unknown>; buffers: Uint8Array[] };
      if (content.ok !== true) throw new Error(`the screenshot failed: ${String(content.error)}`);
      return btoa(String.fromCharCode(...(buffers[0] as Uint8Array)));
    }, [first, DEFAULT_STATE] as const);
    const reply = await pngStatsInPage(page, Buffer.from(png, 'base64'));
    // white background (not a black, cleared-with-the-other-copy's-colour picture), network drawn
    expect(reply.corner.slice(0, 3)).toEqual(WHITE);
    expect(reply.inked).toBeGreaterThan(500);
    expect(reply.inked).toBeLessThan(0.9 * 300 * 200);
    expect(problems).toEqual([]);
    await page.close();
  });
});
