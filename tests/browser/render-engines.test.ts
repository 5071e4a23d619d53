/**
 * The same network drawn straight, bundled by `exact` (nn_vis's splat, the reference) and bundled by
 * `fast` (the default), saved under test-results/render/engines-*.png to be looked at side by side.
 * Asserts what a user would see at a glance: each engine draws the whole network, both bundling
 * engines visibly move the edges away from the straight picture, and they use comparable ink.
 */
import path from 'path';
import { ROOT } from './helpers/python';
import { compareSnapshots, hostPageSuite, mountView, pythonTables, regionStats, savePicture, setTraits, snapshot, type RegionStats } from './helpers/render-harness';

// `exact` takes ~10 s on this network in a worker (nn_vis's direct splat, ~10⁹ kernel evaluations).
jest.setTimeout(240_000);

const RESULTS = path.join(ROOT, 'test-results/render');
const WHITE: [number, number, number] = [255, 255, 255];

describe('bundling engines side by side', () => {
  const suite = hostPageSuite({ width: 760, height: 620, deviceScaleFactor: 1 });

  test('straight, exact and fast pictures of one network', async () => {
    const { page } = suite;
    const tables = pythonTables('nnbundle.Network.random([10, 8, 6, 4], 4, seed=3)');
    const view = await mountView(page, tables, { engine: 'straight', color_mode: 'all', camera_preset: 'upper_back_right', height: 480 }, { width: 640 });
    const seen: Record<string, RegionStats> = {};
    for (const engine of ['straight', 'exact', 'fast'] as const) {
      await setTraits(page, view, { engine });
      await savePicture(page, view, path.join(RESULTS, `engines-${engine}.png`));
      await snapshot(page, view, engine);
      seen[engine] = await regionStats(page, view, WHITE);
      expect({ engine, shown: (seen[engine] as RegionStats).inked > 2000 }).toEqual({ engine, shown: true });
    }
    for (const engine of ['exact', 'fast']) {
      // Bundling moves the edges: a large share of the straight picture's ink changes.
      const d = await compareSnapshots(page, 'straight', engine);
      expect({ engine, changed: d.differing > 0.3 * (seen.straight as RegionStats).inked }).toEqual({ engine, changed: true });
    }
    // Same dynamics, so about as much ink (nn_vis's chaos makes the pictures differ point for point).
    const ratio = (seen.fast as RegionStats).inked / (seen.exact as RegionStats).inked;
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.4);
  });
});
