/**
 * One bundled network in every colour mode, transparent and opaque, light and dark, saved under
 * test-results/render/gallery-*.png to be looked at next to nn_vis's images (reference/nn_vis.md
 * §10). Asserts what a user would notice at a glance: every picture shows the network, the colour
 * modes differ (Independent is grey, All and Class k are coloured, Class k paler than All) and the
 * dark pictures are the light ones' mirror (about as much ink on black as on white).
 */
import path from 'path';
import { ROOT } from './helpers/python';
import { hostPageSuite, mountView, pythonTables, regionStats, savePicture, setTraits, type RegionStats } from './helpers/render-harness';

jest.setTimeout(240_000);

const RESULTS = path.join(ROOT, 'test-results/render');

describe('gallery', () => {
  const suite = hostPageSuite({ width: 900, height: 700, deviceScaleFactor: 1 });

  test('colour modes × transparent/opaque × light/dark', async () => {
    const { page } = suite;
    const tables = pythonTables('nnbundle.Network.random([24, 16, 10], 10, seed=3)');
    const view = await mountView(page, tables, { engine: 'fast', camera_preset: 'upper_back_right', height: 520 }, { width: 700 });
    const seen: Record<string, RegionStats> = {};
    for (const background of ['light', 'dark'] as const) {
      for (const look of ['transparent', 'opaque'] as const) {
        for (const [mode, showClass] of [['independent', 0], ['all', 0], ['class', 3]] as const) {
          await setTraits(page, view, {
            background,
            color_mode: mode,
            show_class: showClass,
            node_render_mode: look === 'transparent' ? 'sphere_transparent' : 'sphere',
            edge_render_mode: look === 'transparent' ? 'ellipsoid_transparent' : 'sphere',
          });
          const name = `${background}-${look}-${mode === 'class' ? `class${showClass}` : mode}`;
          await savePicture(page, view, path.join(RESULTS, `gallery-${name}.png`));
          seen[name] = await regionStats(page, view, background === 'light' ? [255, 255, 255] : [0, 0, 0]);
          expect({ name, shown: (seen[name] as RegionStats).inked > 3000 }).toEqual({ name, shown: true });
        }
      }
    }
    for (const background of ['light', 'dark']) {
      expect(seen[`${background}-transparent-independent`]?.coloured).toBe(0);
      expect(seen[`${background}-transparent-all`]?.coloured).toBeGreaterThan(3000);
      // Class k: only what carries class k keeps colour; the rest fades to the background
      expect(seen[`${background}-transparent-class3`]?.inkSum).toBeLessThan(seen[`${background}-transparent-all`]?.inkSum as number);
    }
    const light = seen['light-transparent-all'] as RegionStats;
    const dark = seen['dark-transparent-all'] as RegionStats;
    expect(Math.abs(dark.inked - light.inked)).toBeLessThan(0.3 * light.inked);
  });
});
