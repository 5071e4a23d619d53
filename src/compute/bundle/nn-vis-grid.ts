/**
 * nn_vis's density grid (models/grid.py): the layer box padded by 1.0 on every side, z spanning one
 * layer gap, cubic cells of sample_length/3, ⌊extent/cell⌋+1 cells per axis. The grid of gap g is the
 * gap-0 grid shifted by g·layer_distance in z. 136×136×108 at the defaults.
 */
import type { ProcessingParams } from '../types';
import { GRID_PADDING } from './constants';
import { bundleSizes } from './schedule';

/** Geometry of nn_vis's grid for gap 0. Lengths in world units. */
export interface NnVisGrid {
  /** Cell edge (cubic). */
  readonly cellSize: number;
  /** Cells along x, y, z. */
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  /** Lower corner (cells start here), gap 0. */
  readonly minX: number;
  readonly minY: number;
  readonly minZ: number;
  /** Upper corner of the padded box (used by nn_vis's node clamp). */
  readonly maxX: number;
  readonly maxY: number;
  readonly maxZ: number;
}

/** nn_vis's grid for a network of `layerCount` layers, computed in nn_vis's float order. */
export function nnVisGrid(params: ProcessingParams, layerCount: number): NnVisGrid {
  const { cellSize } = bundleSizes(params);
  const half = params.layerWidth / 2;
  // models/network.py bounding volume, then models/grid.py extend_by (z: one gap above the first layer).
  const z0 = (-(layerCount - 1) * params.layerDistance) / 2;
  const minX = -half - GRID_PADDING, maxX = half + GRID_PADDING;
  const minY = -half - GRID_PADDING, maxY = half + GRID_PADDING;
  const minZ = z0 - GRID_PADDING, maxZ = z0 + params.layerDistance + GRID_PADDING;
  return {
    cellSize,
    nx: Math.trunc((maxX - minX) / cellSize) + 1,
    ny: Math.trunc((maxY - minY) / cellSize) + 1,
    nz: Math.trunc((maxZ - minZ) / cellSize) + 1,
    minX, minY, minZ, maxX, maxY, maxZ,
  };
}

