import { computeNorms, GridStore } from '../../../src/compute/bundle/fast-grid';
import { voxelStride } from '../../../src/compute/bundle/voxel-layout';

describe('the fast grid voxel layout', () => {
  it('holds C densities and ‖D‖ in whole groups of four floats', () => {
    expect([1, 2, 3, 4, 7, 8, 10, 12].map(voxelStride)).toEqual([4, 4, 4, 8, 8, 12, 12, 16]);
  });

  it.each([true, false])('computeNorms writes ‖D‖ into lane C and leaves the padding zero (WASM %s)', (wasm) => {
    const store = new GridStore(wasm);
    const grid = store.grid(0.1, 0, 0, 0, 2, 1, 1, 3);
    expect(grid.stride).toBe(4);
    expect(grid.data).toHaveLength(8);
    grid.data.set([3, 4, 0], 0);
    grid.data.set([1, 2, 2], 4);
    computeNorms(grid);
    expect(Array.from(grid.data)).toEqual([3, 4, 0, 5, 1, 2, 2, 3]);
    const ten = store.grid(0.1, 0, 0, 0, 1, 1, 1, 10);
    ten.data.fill(1, 0, 10);
    computeNorms(ten);
    expect(ten.data[10]).toBe(Math.fround(Math.sqrt(10)));
    expect(ten.data[11]).toBe(0);
  });
});
