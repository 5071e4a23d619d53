/**
 * End to end in a real JupyterLab: a notebook makes a NetworkView, the cell shows a non-blank
 * canvas, and a parameter set from a later cell (prune_percentage) changes the picture.
 */
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { startJupyterLab, type JupyterServer } from './helpers/jupyter-server';
import { waitForCanvas, canvasStats } from './helpers/canvas-stats';
import { cellOutputText, notebookJson, openNotebook, runCell } from './helpers/notebook';
import { ROOT } from './helpers/python';

jest.setTimeout(240_000);

const CELLS = [
  'import nnbundle as nb\nnet = nb.Network.random([25, 16, 9, 4], num_classes=4, seed=3)\nview = nb.NetworkView(net, height=400)\nview',
  'view.prune_percentage = 0.9',
  'import time\nfor _ in range(100):\n    if view.status == "ready": break\n    time.sleep(0.1)\nprint("STATUS", view.status, "ERROR", repr(view.error))',
];

describe('NetworkView in a real JupyterLab', () => {
  let server: JupyterServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startJupyterLab((dir) => writeFileSync(path.join(dir, 'e2e.ipynb'), notebookJson(CELLS)));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the cell shows the network and a later cell re-prunes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /nnbundle|three|WebGL/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await openNotebook(page, `${server.url}/lab/tree/e2e.ipynb?token=${server.token}`);

    await runCell(page, 0);
    const root = '.jp-OutputArea-output .nnbundle-root';
    await page.waitForSelector(`${root} canvas`, { timeout: 60_000 });
    const before = await waitForCanvas(page, root, (s) => s.nonBackground > 500, 60_000);
    // Let processing settle (status 'ready') before taking the reference picture.
    await page.waitForFunction((sel) => {
      const el = document.querySelector(sel) as (Element & { __nnbundle?: { status(): string } }) | null;
      return el?.__nnbundle?.status() === 'ready';
    }, root, { timeout: 60_000 });
    const settled = await canvasStats(page, root);
    const segments = (): Promise<number> => page.evaluate((sel) => (document.querySelector(sel) as Element & { __nnbundle: { segmentCount(): number } }).__nnbundle.segmentCount(), root);
    const segmentsBefore = await segments();
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results/jupyterlab-widget.png') });

    await runCell(page, 1);
    // 90 % of the edges pruned: far fewer segments drawn, and the picture still shows the network.
    // (Not less ink: fewer edges bundle less tightly, so the remaining bundles may spread wider.)
    await page.waitForFunction(([sel, n]) => {
      const hook = (document.querySelector(sel as string) as Element & { __nnbundle: { segmentCount(): number; status(): string } }).__nnbundle;
      return hook.status() === 'ready' && hook.segmentCount() < 0.3 * (n as number);
    }, [root, segmentsBefore] as const, { timeout: 60_000 });
    const after = await canvasStats(page, root);
    expect(segmentsBefore).toBeGreaterThan(1000);
    expect(after.nonBackground).toBeGreaterThan(500);
    expect(after.inkSum).not.toBe(settled.inkSum);
    expect(before.width).toBeGreaterThan(100);
    await page.screenshot({ path: path.join(ROOT, 'test-results/jupyterlab-widget-pruned.png') });

    await runCell(page, 2);
    const printed = await cellOutputText(page, 2);
    expect(printed).toContain("STATUS ready ERROR ''");
    expect(problems).toEqual([]);
  });
});
