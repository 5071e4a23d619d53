/**
 * `view.save_png(path, width, height, scale)` end to end: a real kernel asks the view shown in a
 * real JupyterLab page for a picture, the browser renders it, and the kernel writes the file. The
 * test reads that file from disk (signature, IHDR size, complete), decodes it in the page to see the
 * network in it, and reads what the returned PngRequest reports from a later cell.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { startJupyterLab, type JupyterServer } from './helpers/jupyter-server';
import { cellOutputText, notebookJson, openNotebook, runCell } from './helpers/notebook';
import { readPngHeader } from './helpers/png-header';
import { pngStatsInPage } from './helpers/png-stats';
import { ROOT } from './helpers/python';

jest.setTimeout(240_000);

/** The requested picture: 320×200 CSS pixels at scale 2, so a 640×400 PNG. */
const WIDTH = 320;
const HEIGHT = 200;
const SCALE = 2;
const PIXELS = { width: WIDTH * SCALE, height: HEIGHT * SCALE };
/** How long the kernel may take to write the file once the request cell has run. */
const WRITE_TIMEOUT_MS = 60_000;

/** Cells: show a view; ask for the PNG (run once the view is ready); report what the request says. */
function cells(pngPath: string): string[] {
  // A JSON string of a path without control characters is also a Python string literal.
  const target = JSON.stringify(pngPath);
  return [
    'import nnbundle as nb\nnet = nb.Network.random([25, 16, 9, 4], num_classes=4, seed=3)\nview = nb.NetworkView(net, height=360)\nview',
    `request = view.save_png(${target}, width=${WIDTH}, height=${HEIGHT}, scale=${SCALE})\nrequest`,
    'print("DONE", request.done, "SIZE", request.size, "ERROR", request.error)\nprint(repr(request))',
  ];
}

/**
 * The common one-cell form: the request is sent before the view exists in the page, so the view
 * must pick it up when it appears and answer once its picture is final.
 */
function sameCell(pngPath: string): string[] {
  const target = JSON.stringify(pngPath);
  return [
    'import nnbundle as nb\nfrom IPython.display import display\n' +
      'view = nb.NetworkView(nb.Network.random([25, 16, 9, 4], num_classes=4, seed=3), height=360)\n' +
      `display(view)\nrequest = view.save_png(${target})\nrequest`,
    'print("DONE", request.done, "ERROR", request.error)',
  ];
}

/** Polls until `file` exists; false when `timeoutMs` passes first. */
async function waitForFile(file: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('view.save_png in a real JupyterLab', () => {
  let server: JupyterServer;
  let browser: Browser;
  let pngPath: string;
  let sameCellPath: string;

  beforeAll(async () => {
    server = await startJupyterLab((dir) => {
      pngPath = path.join(dir, 'saved-view.png');
      sameCellPath = path.join(dir, 'same-cell.png');
      writeFileSync(path.join(dir, 'save-png.ipynb'), notebookJson(cells(pngPath)));
      writeFileSync(path.join(dir, 'same-cell.ipynb'), notebookJson(sameCell(sameCellPath)));
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('writes a PNG of the requested pixel size showing the network, and the request says so', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /nnbundle|three|WebGL/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await openNotebook(page, `${server.url}/lab/tree/save-png.ipynb?token=${server.token}`);

    await runCell(page, 0);
    // Waited for in the page, not in a cell: a kernel busy in a (synchronous) cell does not read the
    // front end's `status` updates, and ipywidgets may still hold back the last one after 'ready'.
    const root = '.jp-OutputArea-output .nnbundle-root';
    await page.waitForFunction((sel) => {
      const el = document.querySelector(sel) as (Element & { __nnbundle?: { status(): string } }) | null;
      return el?.__nnbundle?.status() === 'ready';
    }, root, { timeout: 60_000 });

    expect(existsSync(pngPath)).toBe(false);
    await runCell(page, 1);
    // Nothing is written while the cell runs: the request says it waits.
    expect(await cellOutputText(page, 1)).toContain('waiting for the browser');

    const written = await waitForFile(pngPath, WRITE_TIMEOUT_MS);
    // Run after the file appeared: the kernel handles the answer (and writes) before this cell.
    await runCell(page, 2);
    const report = await cellOutputText(page, 2);
    if (!written) throw new Error(`no file at ${pngPath} after ${WRITE_TIMEOUT_MS} ms; the request says:\n${report}`);

    // The request reports success and the size, in a cell after the one that asked.
    expect(report).toContain(`DONE True SIZE (${PIXELS.width}, ${PIXELS.height}) ERROR None`);
    expect(report).toContain(`PngRequest('${pngPath}': written, ${PIXELS.width}×${PIXELS.height} pixels)`);

    // The file on disk: a whole PNG of the requested pixel size (8-bit RGB or RGBA).
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    copyFileSync(pngPath, path.join(ROOT, 'test-results/jupyterlab-save-png.png'));
    const png = readFileSync(pngPath);
    const header = readPngHeader(png);
    expect(header).toMatchObject({ ...PIXELS, bitDepth: 8, complete: true });
    expect([2, 6]).toContain(header.colorType);

    // Decoded by the browser: the same size, the white background, and the network drawn on it.
    const decoded = await pngStatsInPage(page, png);
    expect(decoded).toMatchObject(PIXELS);
    expect(decoded.corner).toEqual([255, 255, 255, 255]);
    const total = PIXELS.width * PIXELS.height;
    expect(decoded.inked).toBeGreaterThan(total * 0.015);
    expect(decoded.inked).toBeLessThan(total * 0.9);
    expect(problems).toEqual([]);
  });

  test('answers a request sent in the cell that displays the view, with the final picture', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openNotebook(page, `${server.url}/lab/tree/same-cell.ipynb?token=${server.token}`);
    await runCell(page, 0);
    const written = await waitForFile(sameCellPath, WRITE_TIMEOUT_MS);
    await runCell(page, 1);
    const report = await cellOutputText(page, 1);
    if (!written) throw new Error(`no file at ${sameCellPath} after ${WRITE_TIMEOUT_MS} ms; the cells say:\n${await cellOutputText(page, 0)}\n${report}`);
    expect(report).toContain('DONE True ERROR None');
    // Taken once the view was ready: the whole network, as in the picture on the page.
    const status = await page.evaluate(() => (document.querySelector('.jp-OutputArea-output .nnbundle-root') as Element & { __nnbundle: { status(): string } }).__nnbundle.status());
    expect(status).toBe('ready');
    const decoded = await pngStatsInPage(page, readFileSync(sameCellPath));
    expect(decoded.corner).toEqual([255, 255, 255, 255]);
    expect(decoded.inked).toBeGreaterThan(decoded.width * decoded.height * 0.015);
  });
});
