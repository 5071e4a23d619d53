/**
 * Bad input in a live view: the error shows in the cell (as text, escaped), reaches the `error`
 * trait, and the last good picture stays; good input afterwards clears the error.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './helpers/chromium';
import { canvasStats, waitForCanvas } from './helpers/canvas-stats';
import { startStaticServer, type StaticServer } from './helpers/static-server';
import { TRAITS } from '../../src/widget/traits';
import { openHostPage } from './helpers/render-harness';

jest.setTimeout(120_000);

/** Every trait at its default, by Python name, as the kernel would send it. */
const DEFAULT_STATE: Record<string, unknown> = Object.fromEntries(Object.values(TRAITS).map((t) => [t.python, t.default]));
const ROOT = '#views > div:nth-child(1) .nnbundle-root';

async function statusOf(page: Page): Promise<string> {
  return page.evaluate((sel) => (document.querySelector(sel) as Element & { __nnbundle: { status(): string } }).__nnbundle.status(), ROOT);
}

async function waitForStatus(page: Page, want: RegExp): Promise<void> {
  await page.waitForFunction(
    ([sel, source]) => {
      const el = document.querySelector(sel as string) as (Element & { __nnbundle?: { status(): string } }) | null;
      return new RegExp(source as string).test(el?.__nnbundle?.status() ?? '');
    },
    [ROOT, want.source],
    { timeout: 60_000 },
  );
}

async function bannerText(page: Page): Promise<string> {
  return page.evaluate((sel) => {
    const box = document.querySelector(`${sel} .nnbundle-error`) as HTMLElement | null;
    return box && !box.hidden && box.offsetParent !== null ? (box.querySelector('.nnbundle-error-message')?.textContent ?? '') : '';
  }, ROOT);
}

describe('bad input in a live view', () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startStaticServer();
    browser = await launchChromium();
    const host = await openHostPage(browser, server.url, { width: 800, height: 700 });
    page = host.page;
    pageErrors = host.pageErrors;
    await page.evaluate(async (state) => {
      const host = (window as unknown as { host: any }).host;
      await host.mount({ ...state, _network: await host.fetchTables('random-8-6-4') });
    }, DEFAULT_STATE);
    await waitForStatus(page, /^ready$/);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('corrupt Arrow bytes: a clear error in the cell and in the trait, picture kept', async () => {
    const good = await waitForCanvas(page, ROOT, (s) => s.nonBackground > 100, 20_000);
    await page.evaluate(() => {
      const garbage = new Uint8Array(256).map((_, i) => (i * 37 + 11) % 251);
      const host = (window as unknown as { host: any }).host;
      host.set(0, '_network', { layers: new DataView(garbage.buffer), nodes: new DataView(garbage.buffer), edges: new DataView(garbage.buffer) });
    });
    await waitForStatus(page, /^error$/);
    const text = await bannerText(page);
    expect(text).toMatch(/layers/i);
    const trait = await page.evaluate(() => (window as unknown as { host: any }).host.get(0, 'error'));
    expect(trait).toBe(text);
    const kept = await canvasStats(page, ROOT);
    expect(kept.nonBackground).toBeGreaterThan(good.nonBackground * 0.9);
  });

  test('wrong format version names both versions', async () => {
    await page.evaluate(async () => {
      const host = (window as unknown as { host: any }).host;
      host.set(0, '_network', await host.fetchTables('bad-version'));
    });
    await waitForStatus(page, /^error$/);
    const text = await bannerText(page);
    expect(text).toContain('999');
    expect(text).toContain('1');
  });

  test('an out-of-range parameter is refused with its name, picture kept', async () => {
    await page.evaluate(async () => {
      const host = (window as unknown as { host: any }).host;
      host.set(0, '_network', await host.fetchTables('random-8-6-4'));
    });
    await waitForStatus(page, /^ready$/);
    expect(await bannerText(page)).toBe('');
    const before = await canvasStats(page, ROOT);
    await page.evaluate(() => (window as unknown as { host: any }).host.set(0, 'prune_percentage', 7));
    await waitForStatus(page, /^error$/);
    expect(await bannerText(page)).toMatch(/prune/i);
    const after = await canvasStats(page, ROOT);
    expect(after.inkSum).toBeGreaterThan(before.inkSum * 0.9);
  });

  test('outside text in an error is shown as text, never as markup', async () => {
    await page.evaluate(() => {
      const host = (window as unknown as { host: any }).host;
      host.set(0, 'prune_percentage', 0);
      host.set(0, 'engine', '<img src=x onerror="window.__pwned=1">');
    });
    await waitForStatus(page, /^error$/);
    expect(await bannerText(page)).toContain('<img src=x');
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0);
    expect(pwned).toBe(0);
    const images = await page.evaluate((sel) => document.querySelectorAll(`${sel} img`).length, ROOT);
    expect(images).toBe(0);
    expect(pageErrors).toEqual([]);
    expect(await statusOf(page)).toBe('error');
  });
});
