import { validateParams } from '../../../src/compute/params';
import { nnVisGrid } from '../../../src/compute/bundle/nn-vis-grid';

describe("nn_vis's density grid", () => {
  it('is 136×136×108 at the defaults (1,997,568 cells) and ×113 at layer_distance 0.5', () => {
    const g = nnVisGrid(validateParams({}), 4);
    expect([g.nx, g.ny, g.nz]).toEqual([136, 136, 108]);
    expect(g.nx * g.ny * g.nz).toBe(1997568);
    const h = nnVisGrid(validateParams({ layerDistance: 0.5 }), 4);
    expect([h.nx, h.ny, h.nz]).toEqual([136, 136, 113]);
    expect(h.nx * h.ny * h.nz).toBe(2090048);
  });

  it('pads the layer box by 1.0 and spans one layer gap in z from the first layer', () => {
    const g = nnVisGrid(validateParams({}), 4);
    expect(g.minX).toBe(-1.5);
    expect(g.maxY).toBe(1.5);
    expect(g.minZ).toBeCloseTo(-1.6, 12);
    expect(g.maxZ).toBeCloseTo(0.8, 12);
    expect(g.cellSize).toBeCloseTo(1 / 45, 15);
  });
});
