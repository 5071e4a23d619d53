/**
 * Shared steps of the rendering browser tests: mount views in the test host page (pages/host.js)
 * with any network (fixtures, or one Python builds), wait until a picture is final, and read the
 * canvas in the page (pixels at points, region sums, snapshots compared in place) so that no
 * megabytes of pixels cross into Node.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import type { Browser, Page } from 'playwright-core';
import { TRAITS } from '../../../src/widget/traits';
import { launchChromium } from './chromium';
import { runPython } from './python';
import { startStaticServer, type StaticServer } from './static-server';

/**
 * Every trait at its default, by Python name, as the kernel would send it, except the engine:
 * rendering tests draw straight edges (grid layout, fixed geometry) unless they ask for bundling.
 */
export const DEFAULT_STATE: Readonly<Record<string, unknown>> = { ...Object.fromEntries(Object.values(TRAITS).map((t) => [t.python, t.default])), engine: 'straight' };

/** The root element of view `index` in the host page. */
export function rootOf(index: number): string {
  return `#views > div:nth-child(${index + 1}) .nnbundle-root`;
}

/** The three Arrow IPC streams of a Python-built network, base64 (`expression` evaluates to a Network). */
export function pythonTables(expression: string): Record<string, string> {
  const out = runPython(
    [
      'import base64, json, nnbundle',
      'from nnbundle.arrow_codec import network_to_ipc',
      `net = ${expression}`,
      'print(json.dumps({k: base64.b64encode(v).decode() for k, v in network_to_ipc(net).items()}))',
    ].join('\n'),
  );
  return JSON.parse(out) as Record<string, string>;
}

/** Where a view's network comes from: a fixture name (tests/fixtures/generated) or base64 tables. */
export type NetworkSource = string | Record<string, string>;

/**
 * Mounts a view with `state` over the defaults and waits until its final picture is drawn (status
 * `ready`, no refinement running); returns its index.
 */
export async function mountView(
  page: Page,
  network: NetworkSource,
  state: Record<string, unknown> = {},
  options: { width?: number; moduleUrl?: string | null } = {},
): Promise<number> {
  const index = await page.evaluate(
    async ([full, source, width, moduleUrl]) => {
      const host = (window as unknown as { host: HostApi }).host;
      let tables: Record<string, DataView>;
      if (typeof source === 'string') {
        tables = await host.fetchTables(source);
      } else {
        tables = {};
        for (const [name, text] of Object.entries(source as Record<string, string>)) {
          const binary = atob(text);
          const bytes = new Uint8Array(binary.length);
          for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
          tables[name] = new DataView(bytes.buffer);
        }
      }
      return host.mount({ ...(full as object), _network: tables }, { width: width as number, moduleUrl: moduleUrl as string | null });
    },
    [{ ...DEFAULT_STATE, ...state }, network, options.width ?? 480, options.moduleUrl ?? null] as const,
  );
  await waitForPicture(page, index);
  return index;
}

/** The parts of pages/host.js the tests call. */
export interface HostApi {
  mount(state: object, options: { width: number; moduleUrl: string | null }): Promise<number>;
  fetchTables(name: string): Promise<Record<string, DataView>>;
  set(index: number, name: string, value: unknown): void;
  get(index: number, name: string): unknown;
  message(index: number, content: unknown, buffers?: Uint8Array[]): void;
  sent(index: number): { content: Record<string, unknown>; buffers: Uint8Array[] }[];
  saved(index: number): number;
  unmount(index: number): Promise<void>;
}

/** Waits until view `index` shows its final picture: status `ready`, no refinement, two frames settled. */
export async function waitForPicture(page: Page, index: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const hook = (document.querySelector(sel) as (Element & { __nnbundle?: { status(): string; refining(): boolean } }) | null)?.__nnbundle;
      return hook?.status() === 'ready' && !hook.refining();
    },
    rootOf(index),
    { timeout, polling: 50 },
  );
  // Trait changes draw at the next animation frame: let two pass, then check no refinement started.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction((sel) => !(document.querySelector(sel) as Element & { __nnbundle: { refining(): boolean } }).__nnbundle.refining(), rootOf(index), {
    timeout,
    polling: 50,
  });
}

/** Sets traits of view `index` and waits for the new final picture. */
export async function setTraits(page: Page, index: number, traits: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ([i, t]) => {
      const host = (window as unknown as { host: HostApi }).host;
      for (const [name, value] of Object.entries(t as Record<string, unknown>)) host.set(i as number, name, value);
    },
    [index, traits] as const,
  );
  await waitForPicture(page, index);
}

/** RGB bytes of the picture canvas of view `index` at device pixel (`x`, `y`). */
export async function pixelAt(page: Page, index: number, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(
    ([sel, px, py]) => {
      const canvas = document.querySelector(`${sel as string} canvas.nnbundle-canvas`) as HTMLCanvasElement;
      const d = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(px as number, py as number, 1, 1).data;
      return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0] as [number, number, number];
    },
    [rootOf(index), Math.round(x), Math.round(y)] as const,
  );
}

/** Summary of a rectangle of the picture: pixels unlike `background` (any channel off by > 2) and the summed |difference|. */
export interface RegionStats {
  readonly pixels: number;
  readonly inked: number;
  readonly inkSum: number;
  /** Pixels whose channels differ by more than 3 from each other (coloured, not grey). */
  readonly coloured: number;
  /** Coloured pixels whose channels rank as the `like` colour's do (e.g. red > green > blue); 0 without `like`. */
  readonly alike: number;
}

/**
 * Stats of the rectangle [x0, x1) × [y0, y1) (device pixels; whole canvas when omitted); with `like`
 * (an RGB colour with three distinct channels), also how many coloured pixels rank their channels as it does.
 */
export async function regionStats(
  page: Page, index: number, background: [number, number, number], rect?: [number, number, number, number], like?: [number, number, number],
): Promise<RegionStats> {
  return page.evaluate(
    ([sel, bg, r, ref]) => {
      const canvas = document.querySelector(`${sel as string} canvas.nnbundle-canvas`) as HTMLCanvasElement;
      const [x0, y0, x1, y1] = (r as number[] | null) ?? [0, 0, canvas.width, canvas.height];
      const d = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(x0 as number, y0 as number, (x1 as number) - (x0 as number), (y1 as number) - (y0 as number)).data;
      const b = bg as number[];
      let inked = 0;
      let inkSum = 0;
      let coloured = 0;
      let alike = 0;
      // Channel indices of `like` from largest to smallest.
      const rank = ref === null ? null : [0, 1, 2].sort((p, q) => (ref as number[])[q]! - (ref as number[])[p]!);
      for (let i = 0; i < d.length; i += 4) {
        const dr = Math.abs((d[i] ?? 0) - (b[0] ?? 0));
        const dg = Math.abs((d[i + 1] ?? 0) - (b[1] ?? 0));
        const db = Math.abs((d[i + 2] ?? 0) - (b[2] ?? 0));
        if (Math.max(dr, dg, db) > 2) inked++;
        inkSum += dr + dg + db;
        const spread = Math.max(d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0) - Math.min(d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0);
        if (spread > 3) {
          coloured++;
          if (rank !== null && (d[i + rank[0]!] ?? 0) > (d[i + rank[1]!] ?? 0) && (d[i + rank[1]!] ?? 0) > (d[i + rank[2]!] ?? 0)) alike++;
        }
      }
      return { pixels: d.length / 4, inked, inkSum, coloured, alike };
    },
    [rootOf(index), background, rect ?? null, like ?? null] as const,
  );
}

/** Keeps a copy of view `index`'s picture in the page under `name`. */
export async function snapshot(page: Page, index: number, name: string): Promise<void> {
  await page.evaluate(
    ([sel, key]) => {
      const canvas = document.querySelector(`${sel as string} canvas.nnbundle-canvas`) as HTMLCanvasElement;
      const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
      const store = ((window as unknown as { snapshots?: Record<string, Uint8ClampedArray> }).snapshots ??= {});
      store[key as string] = data.slice();
    },
    [rootOf(index), name] as const,
  );
}

/** How two snapshots differ: pixels with any channel changed, and the largest channel change. */
export async function compareSnapshots(page: Page, a: string, b: string): Promise<{ differing: number; maxDelta: number; pixels: number }> {
  return page.evaluate(
    ([ka, kb]) => {
      const store = (window as unknown as { snapshots: Record<string, Uint8ClampedArray> }).snapshots;
      const x = store[ka as string] as Uint8ClampedArray;
      const y = store[kb as string] as Uint8ClampedArray;
      if (x.length !== y.length) return { differing: -1, maxDelta: 255, pixels: x.length / 4 };
      let differing = 0;
      let maxDelta = 0;
      for (let i = 0; i < x.length; i += 4) {
        let d = 0;
        for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs((x[i + c] ?? 0) - (y[i + c] ?? 0)));
        if (d > 0) differing++;
        maxDelta = Math.max(maxDelta, d);
      }
      return { differing, maxDelta, pixels: x.length / 4 };
    },
    [a, b] as const,
  );
}

/** Saves the picture of view `index` (its canvas pixels, without outlines or buttons) as a PNG file. */
export async function savePicture(page: Page, index: number, path: string): Promise<void> {
  const url = await page.evaluate((sel) => (document.querySelector(`${sel} canvas.nnbundle-canvas`) as HTMLCanvasElement).toDataURL('image/png'), rootOf(index));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}

/** A test host page (pages/host.html) ready to mount views, with what it reported going wrong. */
export interface HostPage {
  readonly page: Page;
  /** Uncaught exceptions in the page. */
  readonly pageErrors: string[];
  /** console.error messages (favicon 404s left out). */
  readonly consoleErrors: string[];
}

/** Opens the test host page on `serverUrl` in a new page of `browser` and waits for `window.host`. */
export async function openHostPage(
  browser: Browser,
  serverUrl: string,
  options: { width: number; height: number; deviceScaleFactor?: number },
): Promise<HostPage> {
  const { width, height, deviceScaleFactor } = options;
  const page = await browser.newPage({ viewport: { width, height }, ...(deviceScaleFactor ? { deviceScaleFactor } : {}) });
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('favicon')) consoleErrors.push(m.text());
  });
  await page.goto(`${serverUrl}/pages/host.html`);
  await page.waitForFunction(() => 'host' in window);
  return { page, pageErrors, consoleErrors };
}

/**
 * Registers, for the enclosing `describe`, a static server, a Chromium and one host page opened before
 * the tests (closed after them); read `.page` and `.host` inside the tests.
 */
export function hostPageSuite(options: { width: number; height: number; deviceScaleFactor?: number }): { readonly page: Page; readonly host: HostPage } {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let host: HostPage | undefined;
  beforeAll(async () => {
    server = await startStaticServer();
    browser = await launchChromium();
    host = await openHostPage(browser, server.url, options);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const opened = (): HostPage => {
    if (host === undefined) throw new Error('hostPageSuite: the host page is opened in beforeAll');
    return host;
  };
  return { get page() { return opened().page; }, get host() { return opened(); } };
}
