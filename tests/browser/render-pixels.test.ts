/**
 * The picture in a real browser (Debian Chromium, SwiftShader): pixels at node centres against
 * nn_vis's opacity and shading formulas (reference/nn_vis.md §8.2–§8.5) computed here from the
 * drawn node's data, colour modes and backgrounds by region sums, and order independence of the
 * transparency (shuffled draw order, and a picture built in slices equal to one drawn at once).
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { ROOT } from './helpers/python';
import {
  compareSnapshots,
  hostPageSuite,
  mountView,
  pixelAt,
  pythonTables,
  regionStats,
  rootOf,
  savePicture,
  setTraits,
  snapshot,
  waitForPicture,
  type HostApi,
} from './helpers/render-harness';

jest.setTimeout(180_000);

const WHITE: [number, number, number] = [255, 255, 255];
const BLACK: [number, number, number] = [0, 0, 0];
const RESULTS = path.join(ROOT, 'test-results/render');

interface Probe {
  x: number;
  y: number;
  color: [number, number, number, number];
  radius: number;
  view: [number, number, number];
  depthNear: number;
  depthFar: number;
}

/** nn_vis's per-layer shader parameters (§8.4). */
interface Opacity {
  base: number;
  importance: number;
  depth: number;
  exponent: number;
}

const NODE_DEFAULTS: Opacity = { base: 0, importance: 1.0, depth: 0.5, exponent: 0.5 };

async function probes(page: Page, index: number, count: number): Promise<(Probe | null)[]> {
  return page.evaluate(
    ([sel, n]) => {
      const hook = (document.querySelector(sel as string) as Element & { __nnbundle: { probeNode(id: number): unknown } }).__nnbundle;
      return Array.from({ length: n as number }, (_, id) => hook.probeNode(id) as Probe | null);
    },
    [rootOf(index), count] as const,
  );
}

/** Pixels per world unit at view depth 1 of a view `height` device pixels high (45° field of view). */
function focal(height: number): number {
  return height / (2 * Math.tan((22.5 * Math.PI) / 180));
}

/** Nodes whose sprite is at least 3 px away from every other node's sprite (so only they are drawn at their centre). */
function isolated(all: (Probe | null)[], height: number): Probe[] {
  const shown = all.filter((p): p is Probe => p !== null && p.radius > 0);
  const reach = (p: Probe) => (focal(height) * p.radius) / -p.view[2] + 3;
  return shown.filter((p) => shown.every((q) => q === p || Math.hypot(p.x - q.x, p.y - q.y) > reach(p) + reach(q)));
}

/** Where the ray through a pixel meets a node's sphere: view-space hit, unit normal, ray direction and nn_vis's density (normalised chord). */
interface Hit {
  point: number[];
  normal: number[];
  ray: number[];
  density: number;
}

/** The view-space ray through the centre of device pixel (`px`, `py`) of a `width`×`height` canvas (45° vertical field of view). */
function pixelRay(px: number, py: number, width: number, height: number): number[] {
  const p11 = 1 / Math.tan((22.5 * Math.PI) / 180);
  const p00 = p11 / (width / height);
  return [((2 * (px + 0.5)) / width - 1) / p00, (1 - (2 * (py + 0.5)) / height) / p11, -1];
}

function hitSphere(p: Probe, ray: number[]): Hit {
  const dot = (a: number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);
  const a = dot(ray, ray);
  const tc = dot(ray, p.view) / a;
  const miss = ray.map((v, i) => tc * v - (p.view[i] as number));
  const half = Math.sqrt(p.radius ** 2 - dot(miss, miss));
  const t = tc - half / Math.sqrt(a);
  const point = ray.map((v) => t * v);
  return { point, normal: point.map((v, i) => (v - (p.view[i] as number)) / p.radius), ray: ray.map((v) => v / Math.sqrt(a)), density: half / p.radius };
}

/** nn_vis's alpha (§8.4) of a transparent sphere at `hit`. */
function sphereAlpha(p: Probe, hit: Hit, o: Opacity): number {
  const w = p.color[3] / 255;
  const rel = ((hit.point[2] as number) - p.depthFar) / (p.depthNear - p.depthFar);
  return ((1 - o.importance) + o.importance * w) * ((1 - o.depth) + o.depth * rel) * Math.min(hit.density ** o.exponent, 1) * (1 - o.base) + o.base;
}

/** The pre-mixed colour of nn_vis's transparent modes, as bytes: rgb·a + background·(1 − a). */
function premixed(p: Probe, a: number, background: [number, number, number]): number[] {
  return [0, 1, 2].map((c) => Math.round(255 * Math.min(Math.max(((p.color[c] as number) / 255) * a + ((background[c] as number) / 255) * (1 - a), 0), 1)));
}

/** nn_vis's Phong (§8.3) at `hit`, as bytes. */
function phong(p: Probe, hit: Hit): number[] {
  const l = [1, 1, 1].map((v) => v / Math.sqrt(3));
  const nl = hit.normal.reduce((s, v, i) => s + v * (l[i] as number), 0);
  const reflected = l.map((v, i) => v - 2 * nl * (hit.normal[i] as number));
  const spec = Math.min(0.1 * Math.max(reflected.reduce((s, v, i) => s + v * (hit.ray[i] as number), 0), 0) ** 4, 1);
  return [0, 1, 2].map((c) => Math.round(255 * Math.min(0.2 + Math.min(((p.color[c] as number) / 255) * Math.max(nl, 0), 1) + spec, 1)));
}

/**
 * Checks the pixel at the centre of every isolated node against `expected(node, hit)`, where `hit`
 * is the ray through that pixel meeting the node's sphere.
 */
async function expectCentres(page: Page, index: number, expected: (p: Probe, hit: Hit) => number[], minNodes: number): Promise<void> {
  const [width, height] = await page.evaluate((sel) => {
    const canvas = document.querySelector(`${sel} canvas.nnbundle-canvas`) as HTMLCanvasElement;
    return [canvas.width, canvas.height];
  }, rootOf(index));
  const ratio = await page.evaluate(() => window.devicePixelRatio);
  const nodes = isolated(await probes(page, index, 9), height);
  expect(nodes.length).toBeGreaterThanOrEqual(minNodes);
  for (const p of nodes) {
    const px = Math.floor(p.x * ratio);
    const py = Math.floor(p.y * ratio);
    const got = await pixelAt(page, index, px, py);
    const want = expected(p, hitSphere(p, pixelRay(px, py, width, height)));
    const off = Math.max(...got.map((v, c) => Math.abs(v - (want[c] as number))));
    expect({ node: p.color, got, want, close: off <= 2 }).toEqual({ node: p.color, got, want: want, close: true });
  }
}

describe('rendering in Chromium', () => {
  const suite = hostPageSuite({ width: 900, height: 700 });

  afterEach(() => {
    const { host } = suite;
    expect([...host.pageErrors, ...host.consoleErrors].filter((e) => !e.includes('404'))).toEqual([]);
  });

  // The 'small' fixture: 3-4-2, two classes, seen from above so that its nodes do not overlap.
  const NODES_ONLY = { edge_render_mode: 'none', camera_preset: 'upper_back_right', height: 420 };

  test('transparent spheres (light): the centre pixel is nn_vis\'s pre-mixed colour', async () => {
    const { page } = suite;
    const view = await mountView(page, 'small', NODES_ONLY);
    await expectCentres(page, view, (p, hit) => premixed(p, sphereAlpha(p, hit, NODE_DEFAULTS), WHITE), 5);
    // Other opacity parameters move the pixels as the formula says.
    await setTraits(page, view, { node_base_opacity: 0.3, node_depth_opacity: 0, node_importance_opacity: 0.5, node_opacity_exponent: 3 });
    await expectCentres(page, view, (p, hit) => premixed(p, sphereAlpha(p, hit, { base: 0.3, importance: 0.5, depth: 0, exponent: 3 }), WHITE), 5);
  });

  test('dark background: pre-mix with black (the mirror image of nn_vis\'s white)', async () => {
    const { page } = suite;
    const view = await mountView(page, 'small', { ...NODES_ONLY, background: 'dark' });
    await expectCentres(page, view, (p, hit) => premixed(p, sphereAlpha(p, hit, NODE_DEFAULTS), BLACK), 5);
    const corner = await pixelAt(page, view, 2, 2);
    expect(corner).toEqual(BLACK);
  });

  test('opaque spheres: nn_vis\'s Phong shading at the centre', async () => {
    const { page } = suite;
    const view = await mountView(page, 'small', { ...NODES_ONLY, node_render_mode: 'sphere' });
    await expectCentres(page, view, phong, 5);
  });

  test('colour modes: Independent is grey, Class k fades nodes without class k away', async () => {
    const { page } = suite;
    const view = await mountView(page, 'small', { ...NODES_ONLY, color_mode: 'independent' });
    await expectCentres(
      page,
      view,
      (p, hit) => {
        expect(p.color.slice(0, 3)).toEqual([0, 0, 0]);
        return premixed(p, sphereAlpha(p, hit, NODE_DEFAULTS), WHITE);
      },
      5,
    );
    expect((await regionStats(page, view, WHITE)).coloured).toBe(0);
    // Class 1 ('dog'): node 0 of the input layer has no share of it (importance (1, 0)).
    await setTraits(page, view, { color_mode: 'class', show_class: 1 });
    await expectCentres(page, view, (p, hit) => premixed(p, sphereAlpha(p, hit, NODE_DEFAULTS), WHITE), 5);
    const [first] = await probes(page, view, 1);
    expect(first?.color[3]).toBe(0);
    const ratio = await page.evaluate(() => window.devicePixelRatio);
    // alpha term 0: [(1 − 1) + 1·0]·… = 0, so the node is exactly the background
    expect(await pixelAt(page, view, (first as Probe).x * ratio, (first as Probe).y * ratio)).toEqual(WHITE);
  });

  test('edge modes: ellipsoids, sample spheres and lines draw between the layers; none draws nothing', async () => {
    const { page } = suite;
    const view = await mountView(page, 'small', { node_render_mode: 'none', camera_preset: 'front', height: 420 });
    const inked: Record<string, number> = {};
    for (const mode of ['ellipsoid_transparent', 'sphere_transparent', 'sphere', 'line', 'none']) {
      await setTraits(page, view, { edge_render_mode: mode });
      const stats = await regionStats(page, view, WHITE);
      inked[mode] = stats.inked;
      await savePicture(page, view, path.join(RESULTS, `small-edges-${mode}.png`));
    }
    expect(inked.none).toBe(0);
    expect(inked.ellipsoid_transparent).toBeGreaterThan(2000);
    expect(inked.sphere_transparent).toBeGreaterThan(500);
    expect(inked.sphere).toBeGreaterThan(500);
    expect(inked.line).toBeGreaterThan(300);
    // ray-cast tubes are wider than one-pixel lines
    expect(inked.ellipsoid_transparent).toBeGreaterThan(2 * (inked.line as number));
  });

  test('edge colours: All mixes class colours along the edges, Independent is grey, dark mirrors', async () => {
    const { page } = suite;
    const view = await mountView(page, 'random-8-6-4', { camera_preset: 'front', height: 420 });
    const all = await regionStats(page, view, WHITE);
    expect(all.coloured).toBeGreaterThan(1000);
    await setTraits(page, view, { color_mode: 'independent' });
    const grey = await regionStats(page, view, WHITE);
    expect(grey.coloured).toBe(0);
    expect(grey.inked).toBeGreaterThan(1000);
    await setTraits(page, view, { background: 'dark' });
    const dark = await regionStats(page, view, BLACK);
    expect(dark.coloured).toBe(0);
    // the same shapes on the other background: about as many pixels inked
    expect(Math.abs(dark.inked - grey.inked)).toBeLessThan(0.25 * grey.inked);
  });

  test('the transparency does not depend on draw order (light and dark)', async () => {
    const { page } = suite;
    const view = await mountView(page, 'random-8-6-4', { camera_preset: 'upper_back_left', height: 420 });
    for (const background of ['light', 'dark']) {
      await setTraits(page, view, { background });
      await snapshot(page, view, `${background}-0`);
      for (const seed of [1, 2]) {
        await page.evaluate(([sel, s]) => (document.querySelector(sel as string) as Element & { __nnbundle: { setDrawOrder(s: number): void } }).__nnbundle.setDrawOrder(s as number), [rootOf(view), seed] as const);
        await waitForPicture(page, view);
        await snapshot(page, view, `${background}-${seed}`);
        const diff = await compareSnapshots(page, `${background}-0`, `${background}-${seed}`);
        expect({ background, seed, ...diff }).toEqual({ background, seed, differing: 0, maxDelta: 0, pixels: diff.pixels });
      }
      await page.evaluate((sel) => (document.querySelector(sel) as Element & { __nnbundle: { setDrawOrder(s: number): void } }).__nnbundle.setDrawOrder(0), rootOf(view));
    }
  });

  test('a picture built in slices over several frames equals the one drawn at once', async () => {
    const { page } = suite;
    // ~60k segments: more than one frame holds in software GL, so the still picture refines.
    const view = await mountView(page, pythonTables('nnbundle.Network.random([100, 60, 10], 10, seed=0)'), { height: 360, camera_preset: 'upper_back_right' }, { width: 480 });
    const hook = `document.querySelector('${rootOf(view)}').__nnbundle`;
    expect(await page.evaluate(`${hook}.segmentCount()`)).toBeGreaterThan(30_000);
    await page.evaluate(`${hook}.timeFrame(false)`);
    await snapshot(page, view, 'at-once');
    await page.evaluate(`${hook}.redraw()`);
    await page.waitForFunction(`${hook}.refining()`, undefined, { timeout: 10_000, polling: 'raf' });
    await waitForPicture(page, view);
    await snapshot(page, view, 'sliced');
    const diff = await compareSnapshots(page, 'at-once', 'sliced');
    expect(diff).toEqual({ differing: 0, maxDelta: 0, pixels: diff.pixels });
    await savePicture(page, view, path.join(RESULTS, 'random-100-60-10-sliced.png'));
    await page.evaluate((i) => (window as unknown as { host: HostApi }).host.unmount(i), view);
  });
});
