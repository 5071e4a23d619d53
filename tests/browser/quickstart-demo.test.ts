/**
 * What `make demo HEADLESS=1` promises: the quickstart notebook executes headless (real PyTorch
 * training, real nbclient kernel) and writes an HTML report that renders offline.
 */
import { copyFileSync, existsSync, mkdtempSync } from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';
import type { Browser } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { waitForCanvas } from './helpers/canvas-stats';
import { PYTHON, ROOT } from './helpers/python';

jest.setTimeout(240_000);

describe('quickstart notebook, headless', () => {
  let browser: Browser;
  afterAll(async () => browser?.close());

  test('executes and writes a report that renders offline', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nnbundle-quickstart-'));
    const notebook = path.join(dir, 'quickstart.ipynb');
    copyFileSync(path.join(ROOT, 'examples/quickstart.ipynb'), notebook);
    const report = path.join(dir, 'out/quickstart.html');
    execFileSync(PYTHON, [path.join(ROOT, 'examples/run_quickstart.py'), notebook, report], { stdio: 'pipe' });
    expect(existsSync(report)).toBe(true);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(file|blob|data):/.test(url)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${report}`);
    await page.waitForFunction(() => {
      const el = document.querySelector('.nnbundle-root') as (Element & { __nnbundle?: { status(): string } }) | null;
      return el?.__nnbundle?.status() === 'ready';
    }, undefined, { timeout: 60_000 });
    const stats = await waitForCanvas(page, '.nnbundle-root', (s) => s.nonBackground > 1000, 30_000);
    expect(stats.nonBackground).toBeGreaterThan(1000);
    // The report keeps the parameters set in the notebook before save_html.
    expect(await page.title()).toBe('digits MLP');
    const state = await page.evaluate(() => JSON.parse(document.getElementById('nnbundle-state')?.textContent ?? '{}'));
    expect(state).toMatchObject({ prune_percentage: 0.8, camera_preset: 'upper_back_right', color_mode: 'all' });
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(ROOT, 'test-results/quickstart-report.png') });
  });
});
