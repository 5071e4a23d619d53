/**
 * The `fast` engine's density grid: cell size follows the bandwidth (coarse early, fine late), the
 * box is cropped to the data's bounding box plus the kernel's reach (and to nn_vis's padded grid,
 * outside which nn_vis drops density). A voxel holds C class densities and ‖D‖, padded to a multiple
 * of 4 floats (voxel-layout.ts). The edge density is a nearest-voxel splat blurred by binomial [1,2,1]/4
 * passes per axis, so its cost per voxel does not depend on the bandwidth.
 */

import { EdgeKernels, WasmGrid } from './edge-kernels-wasm';
import { wrappedNorm } from './nn-vis-norm-wrap';
import { voxelStride } from './voxel-layout';

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { ceil, floor, fround, max, min, pow, sqrt } = Math;

/** A cropped, interleaved density grid (2D grids have nz = 1). Arrays may be longer than used. */
export interface FastGrid {
  /** Cell edge, world units (cubic). */
  cell: number;
  /** World position of voxel (0,0,0)'s centre. */
  ox: number; oy: number; oz: number;
  /** Voxels per axis. */
  nx: number; ny: number; nz: number;
  /** Class channels per voxel (C). */
  channels: number;
  /** Floats per voxel: `voxelStride(channels)`. */
  stride: number;
  /** nx·ny·nz·stride floats, voxel-major (x fastest): C class densities, ‖D‖, zeros. */
  data: Float32Array;
}

/** Most floats one grid may hold (32 MB, plus as much blur scratch); beyond it the cell grows (worker memory). */
export const MAX_GRID_FLOATS = 1 << 23;

/**
 * Variance of the discrete kernel per axis, in cells², that the cell size is chosen for: 1/6 for the
 * splat (a tent's; the nearest-voxel splat's is 1/12, but sizing for it made 6-5-4's fidelity worse:
 * docs/deviations.md F1), 1/2 for each binomial pass. The cell then matches the target kernel's variance.
 */
export function kernelVarianceCells(blurPasses: number): number {
  return 1 / 6 + blurPasses / 2;
}

/** Reusable storage so that levels do not allocate; one per engine run (or worker). */
export class GridStore {
  private data = new Float32Array(0);
  private scratch = new Float32Array(0);
  /** The WASM kernels holding this store's grids, or null (JS arrays and kernels then). */
  private readonly kernels: EdgeKernels | null;

  /** `wasm` false forces the JS kernels (same bytes; for tests). Without WebAssembly SIMD they are used anyway. */
  constructor(wasm = true) {
    this.kernels = wasm ? EdgeKernels.create() : null;
  }

  /**
   * A zeroed grid of the given shape, backed by this store (valid until the next call). With WASM its
   * arrays are views on WASM memory: `slice()` them before transferring.
   */
  grid(cell: number, ox: number, oy: number, oz: number, nx: number, ny: number, nz: number, channels: number): FastGrid {
    if (this.kernels !== null) return this.kernels.grid(cell, ox, oy, oz, nx, ny, nz, channels);
    const stride = voxelStride(channels), floats = nx * ny * nz * stride;
    if (this.data.length < floats) this.data = new Float32Array(ceil(floats * 1.3));
    const data = this.data.subarray(0, floats);
    data.fill(0);
    return { cell, ox, oy, oz, nx, ny, nz, channels, stride, data };
  }

  /** Scratch of at least `n` floats for the blur. */
  blurScratch(n: number): Float32Array {
    if (this.scratch.length < n) this.scratch = new Float32Array(n);
    return this.scratch;
  }
}

/**
 * Lays out a grid over `bounds` ([minX,minY,minZ,maxX,maxY,maxZ] of the points) grown by `margin`
 * world units, clipped to `clip` (same layout), with cell `cell` (grown if the grid would exceed
 * MAX_GRID_FLOATS, or more than `maxVoxels` voxels). `flat` makes a 2D grid (nz = 1, z ignored).
 */
export function layoutGrid(
  store: GridStore, bounds: Float64Array, margin: number, clip: Float64Array, cell: number, channels: number, flat: boolean,
  maxVoxels: number = MAX_GRID_FLOATS,
): FastGrid {
  const lo = [0, 0, 0], extent = [0, 0, 0];
  const dims = flat ? 2 : 3;
  let volume = 1;
  for (let d = 0; d < dims; d++) {
    const a = max(bounds[d]! - margin, clip[d]!), b = min(bounds[d + 3]! + margin, clip[d + 3]!);
    lo[d] = a;
    extent[d] = max(b - a, 0);
    volume *= max(extent[d]!, cell);
  }
  // Coarsen when the box would hold more than maxVoxels (or MAX_GRID_FLOATS floats).
  const limit = max(min(maxVoxels, MAX_GRID_FLOATS / voxelStride(channels)), 64);
  let size = max(cell, pow(volume / limit, 1 / dims));
  const n = [1, 1, 1];
  for (;;) {
    for (let d = 0; d < dims; d++) n[d] = max(floor(extent[d]! / size) + 2, 2);
    if (n[0]! * n[1]! * n[2]! <= limit * 1.5) break;
    size *= 1.1;
  }
  // Voxel centres start half a cell inside the box; points outside the clip box are ignored.
  return store.grid(size, lo[0]! + size / 2, lo[1]! + size / 2, lo[2]! + size / 2, n[0]!, n[1]!, n[2]!, channels);
}

/**
 * One binomial [1,2,1]/4 pass, in place, over `n` steps of `width` floats starting at `start`, the
 * steps `block` floats apart (neighbours along the axis; zero outside): out = 0.5·c + 0.25·(l + r),
 * every operation in float32 as the WASM kernel's lanes. `prev` (≥ width floats) keeps the previous
 * step's unblurred values, so no copy of the grid is needed.
 */
function binomialLine(data: Float32Array, start: number, n: number, width: number, block: number, prev: Float32Array): void {
  for (let q = 0; q < width; q++) prev[q] = 0;
  let o = start;
  for (let i = 0; i < n; i++, o += block) {
    const last = i + 1 === n;
    for (let q = 0; q < width; q++) {
      const c = data[o + q]!, r = last ? 0 : data[o + block + q]!;
      data[o + q] = fround(0.5 * c) + fround(0.25 * fround(prev[q]! + r));
      prev[q] = c;
    }
  }
}

/** Floats per column chunk of the z pass: the chunk and its `prev` stay in L1 while z runs. */
const Z_CHUNK = 2048;

/**
 * Applies `passes` binomial passes along x, y (and z unless the grid is flat), in place: in WASM SIMD
 * where available (same bytes), else in JS. x and y run slab by slab (a slab stays in L2); z runs over
 * column chunks, so each float is read from memory once per axis group, with no copy of the grid.
 */
export function blurGrid(store: GridStore, grid: FastGrid, passes: number): void {
  const C = grid.stride, nx = grid.nx, ny = grid.ny, nz = grid.nz;
  if (grid instanceof WasmGrid) {
    grid.kernels.blur(grid, passes);
    return;
  }
  const row = nx * C, slab = nx * ny * C;
  const prev = store.blurScratch(max(row, Z_CHUNK));
  const data = grid.data;
  for (let p = 0; p < passes; p++) {
    for (let k = 0; k < nz; k++) {
      for (let r = 0; r < ny; r++) binomialLine(data, k * slab + r * row, nx, C, C, prev);
      binomialLine(data, k * slab, ny, row, row, prev);
    }
    if (nz > 1) for (let q = 0; q < slab; q += Z_CHUNK) binomialLine(data, q, nz, min(Z_CHUNK, slab - q), slab, prev);
  }
}

/**
 * One Epanechnikov pass over n steps of `block` floats (neighbours `block` apart) starting at `start`:
 * out_i = Σ_|d|≤reach w_d·f_{i+d} with w_d = 1 − d²/ρ² (zero outside the line), in float32 as the WASM
 * kernel's lanes, summed from d = −reach up. `copy` receives the line's unblurred floats.
 */
function epanechnikovLine(data: Float32Array, start: number, n: number, block: number, radius: number, reach: number, copy: Float32Array): void {
  copy.set(data.subarray(start, start + n * block));
  const inv = 1 / (radius * radius);
  const weights = Float32Array.from({ length: 2 * reach + 1 }, (_, k) => 1 - (k - reach) * (k - reach) * inv);
  for (let i = 0; i < n; i++) {
    const lo = max(-reach, -i), hi = min(reach, n - 1 - i);
    const o = start + i * block;
    for (let q = 0; q < block; q++) {
      let acc = 0;
      for (let d = lo; d <= hi; d++) acc = fround(acc + fround(weights[d + reach]! * copy[(i + d) * block + q]!));
      data[o + q] = acc;
    }
  }
}

/**
 * Separable Epanechnikov blur of a flat (2D) grid: weights 1 − (d/radius)² for |d| < radius cells along
 * x, then y, in place. Its cost per voxel grows with the radius, which the node grid keeps at most
 * NODE_CELLS_PER_BANDWIDTH cells (fast-tuning.ts). In WASM SIMD where available (same bytes), else in JS.
 */
export function epanechnikovBlur2d(store: GridStore, grid: FastGrid, radius: number): void {
  if (grid instanceof WasmGrid) {
    grid.kernels.epanechnikov2d(grid, radius);
    return;
  }
  const C = grid.stride, nx = grid.nx, ny = grid.ny, data = grid.data;
  const reach = max(ceil(radius) - 1, 0);
  const block = nx * C;
  const copy = store.blurScratch(nx * ny * C);
  for (let r = 0; r < ny; r++) epanechnikovLine(data, r * block, nx, C, radius, reach, copy);
  epanechnikovLine(data, 0, ny, block, radius, reach, copy);
}

/** Adds `src`'s densities into `dst` (same layout): combines two workers' partial grids (WASM SIMD where available, same bytes). */
export function addGrid(dst: FastGrid, src: Float32Array): void {
  if (dst instanceof WasmGrid) {
    dst.kernels.add(dst, src);
    return;
  }
  const d = dst.data;
  for (let i = 0; i < d.length; i++) d[i] = d[i]! + src[i]!;
}

/**
 * Writes ‖D‖ into lane C of every voxel: the float64 squares of the even and of the odd channels summed
 * apart, in channel order, then added (the WASM kernel's two lanes); with `wrapScale` > 0, nn_vis's
 * uint32-wrapped norm at that scale instead (nn-vis-norm-wrap.ts). An empty voxel's norm is 0.
 */
export function computeNorms(grid: FastGrid, wrapScale = 0): void {
  if (grid instanceof WasmGrid) {
    grid.kernels.norms(grid, wrapScale);
    return;
  }
  const C = grid.channels, S = grid.stride, data = grid.data;
  for (let o = 0; o < data.length; o += S) {
    let even = 0, odd = 0;
    for (let c = 0; c + 1 < C; c += 2) {
      const x = data[o + c]!, y = data[o + c + 1]!;
      even += x * x; odd += y * y;
    }
    if (C & 1) { const x = data[o + C - 1]!; even += x * x; }
    const sq = even + odd;
    data[o + C] = sq > 0 ? (wrapScale > 0 ? wrappedNorm(sqrt(sq), wrapScale) : sqrt(sq)) : 0;
  }
}
