/**
 * One bundled network in every colour mode, transparent and opaque, light and dark, saved under
 * test-results/render/gallery-*.png to be looked at next to nn_vis's images (reference/nn_vis.md
 * §10). Asserts what a user would notice at a glance: every picture shows the network, the colour
 * modes differ (Independent is grey, All is coloured, Class k only in class k's colour) and the
 * dark pictures are the light ones' mirror (about as much ink on black as on white).
 */
import path from 'path';
import { ROOT } from './helpers/python';
import { hostPageSuite, mountView, pythonTables, regionStats, savePicture, setTraits, type RegionStats } from './helpers/render-harness';

jest.setTimeout(240_000);

const RESULTS = path.join(ROOT, 'test-results/render');
/** nn_vis's colour of class 3 (#FF4500), 0–255. */
const CLASS_3_COLOUR: [number, number, number] = [255, 69, 0];

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
          seen[name] = await regionStats(page, view, background === 'light' ? [255, 255, 255] : [0, 0, 0], undefined, CLASS_3_COLOUR);
          expect({ name, shown: (seen[name] as RegionStats).inked > 3000 }).toEqual({ name, shown: true });
        }
      }
    }
    for (const background of ['light', 'dark']) {
      expect(seen[`${background}-transparent-independent`]?.coloured).toBe(0);
      expect(seen[`${background}-transparent-all`]?.coloured).toBeGreaterThan(3000);
      // Class k: only what carries class k keeps colour, class k's (orange-red: red > green > blue);
      // the rest is grey. How much ink that leaves depends on the network, so it is not compared.
      const all = seen[`${background}-transparent-all`] as RegionStats, class3 = seen[`${background}-transparent-class3`] as RegionStats;
      // Measured on the 24-16-10 network: all of class 3's coloured pixels, a quarter of All's.
      expect(class3.alike / class3.coloured).toBeGreaterThan(0.95);
      expect(all.alike / all.coloured).toBeLessThan(0.5);
      expect(class3.coloured).toBeLessThan(all.coloured);
    }
    const light = seen['light-transparent-all'] as RegionStats;
    const dark = seen['dark-transparent-all'] as RegionStats;
    expect(Math.abs(dark.inked - light.inked)).toBeLessThan(0.3 * light.inked);
  });
});
