/**
 * The file written by `view.save_html()` opened from disk in Chromium with every non-file request
 * blocked: it must render the network by itself, with class colours where the nodes are.
 */
import { mkdtempSync, readFileSync } from 'fs';
import os from 'os';
import path from 'path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { waitForCanvas } from './helpers/canvas-stats';
import { runPython, ROOT } from './helpers/python';

jest.setTimeout(120_000);

// Output nodes are one-hot (class 0 green, class 1 dark blue); hidden nodes lean to one class.
const MAKE_HTML = (out: string): string => `
import numpy as np, nnbundle as nb
w = [np.array([[0.9, -0.2, 0.4], [0.1, 0.8, -0.7]], dtype=np.float32),
     np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.3]], dtype=np.float32)]
imp = [np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32),
       np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]], dtype=np.float32),
       np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)]
net = nb.Network.from_weights(w, node_importance=imp, class_names=["<i>zero</i>", "one"], name="tiny <script>alert(1)</script>")
view = nb.NetworkView(net, color_mode="all", camera_preset="left", height=480)
view.save_html(${JSON.stringify(out)}, title="tiny & <test>")
`;

describe('exported HTML, offline', () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(os.tmpdir(), 'nnbundle-html-')), 'tiny.html');
    runPython(MAKE_HTML(file));
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  test('the file names no network address to load', () => {
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  test('renders offline with node colours at the node positions', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`file://${file}`);
    const root = '.nnbundle-root';
    await page.waitForFunction((sel) => {
      const el = document.querySelector(sel) as (Element & { __nnbundle?: { status(): string } }) | null;
      return el?.__nnbundle?.status() === 'ready';
    }, root, { timeout: 60_000 });
    const stats = await waitForCanvas(page, root, (s) => s.nonBackground > 200, 30_000);
    expect(stats.width).toBeGreaterThan(100);
    await page.screenshot({ path: path.join(ROOT, 'test-results/exported-html.png') });

    // Global node ids: layer 0 = 0,1; layer 1 = 2,3,4; layer 2 = 5,6. Class 0 green, class 1 dark blue.
    const samples = await page.evaluate((sel) => {
      const el = document.querySelector(sel) as Element & { __nnbundle: { projectNode(id: number): { x: number; y: number } } };
      const canvas = el.querySelector('canvas') as HTMLCanvasElement;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(canvas, 0, 0);
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      return [0, 1, 2, 3, 5, 6].map((id) => {
        const p = el.__nnbundle.projectNode(id);
        const px = ctx.getImageData(Math.round(p.x * scale), Math.round(p.y * scale), 1, 1).data;
        return { id, rgb: [px[0] ?? 0, px[1] ?? 0, px[2] ?? 0] };
      });
    }, root);
    const greenIds = new Set([0, 2, 5]);
    for (const { id, rgb } of samples) {
      const [r, g, b] = rgb as [number, number, number];
      if (greenIds.has(id)) {
        expect({ id, greenDominant: g > r + 30 && g > b + 30, rgb }).toEqual({ id, greenDominant: true, rgb });
      } else {
        expect({ id, blueDominant: b > r + 30 && b > g + 30, rgb }).toEqual({ id, blueDominant: true, rgb });
      }
    }
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
