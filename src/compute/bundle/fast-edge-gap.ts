/**
 * The `fast` engine's edge phase for one set of edges of one layer gap (a whole gap, or a range of
 * it when two workers share a gap): splat into a shared grid, then advect + smooth + resample fused
 * per edge, so an edge's points stay in L1 between the steps. The grid is laid out, blurred and
 * (between workers) summed by the caller, which makes a gap splittable by points: partial grids add.
 * On a `WasmGrid` the same steps run in WASM (edge-kernels.as) on chunks of edges copied into its
 * memory, with the same bytes as the JS loops below.
 */
import { RESAMPLE_RESERVED_SLOTS, RESAMPLE_TOLERANCE, TAIL_DROP_FRACTION, TAIL_MIDPOINT_FRACTION } from '../geometry-constants';
import type { ArrayReuse } from '../array-reuse';
import type { Polylines } from '../polylines';
import { resamplePolyline32, resampledPointsBound } from '../resample';
import type { EdgeImportanceType, NodeClassVectors } from './class-vectors';
import { SMOOTHING_RADIUS_PERCENT } from './constants';
import { coarseSmoothingPasses } from './fast-tuning';
import { moveByNeighbours, sparseGradient } from './sparse-gradient';
import { WasmGrid } from './edge-kernels-wasm';
import type { FastGrid } from './fast-grid';
import { InPlaceWriter } from './in-place-writer';
import { PolylineBuffer, resampleInto } from './polyline-buffer';
import { smoothingRadius } from './schedule';
import { SmoothScratch, smoothPolyline, smoothThree32 } from './smooth';
import { voxelStride } from './voxel-layout';

/** Points per staged chunk of the WASM path (768 KB, with its output it stays in L2; 2–4 % faster than 3 MB chunks on 784-256-128-10): bounds the WASM memory beyond the grid. */
const CHUNK_POINTS = 1 << 16;

/** Rounds a byte offset up to 16. */
function align16(bytes: number): number {
  return (bytes + 15) & ~15;
}

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { floor, fround, sqrt } = Math;

/**
 * f = v·D − s·‖D‖ of the voxel at `o` for the extended vector `v` (class vector, −s in lane C), in
 * float32 exactly as the WASM kernel: four lane sums over the voxel's f32x4 blocks, then (l0 + l1) + (l2 + l3).
 */
function voxelAttraction(data: Float32Array, o: number, v: Float32Array, S: number): number {
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0;
  for (let c = 0; c < S; c += 4) {
    l0 = fround(l0 + fround(v[c]! * data[o + c]!));
    l1 = fround(l1 + fround(v[c + 1]! * data[o + c + 1]!));
    l2 = fround(l2 + fround(v[c + 2]! * data[o + c + 2]!));
    l3 = fround(l3 + fround(v[c + 3]! * data[o + c + 3]!));
  }
  return fround(fround(l0 + l1) + fround(l2 + l3));
}

/** What a `FastEdgeGap` needs; arrays are read, not copied (keep them alive and unchanged). */
export interface FastEdgeGapSetup {
  readonly vectors: NodeClassVectors;
  readonly type: EdgeImportanceType;
  /** Global source / target node id per edge. */
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  /**
   * Initial polylines (one per edge, source to target), copied by resampling: all at once, or as
   * consecutive chunks of edges (which may reuse one scratch array: each is read before the next)
   * with their total point count.
   */
  readonly lines: Polylines | { readonly points: number; readonly chunks: Iterable<Polylines> };
  /** nn_vis's sample length: the spacing of the final polylines. */
  readonly sampleLength: number;
  /** The points' spacing during each level (fast-tuning.ts levelSpacings); sampleLength if absent. */
  readonly spacings?: Float64Array;
  /** nn_vis max_sample_points. */
  readonly maxPoints: number;
  /** nn_vis moves a sample only while its z is in [zLow, zHigh) (its grid's slice range). */
  readonly zLow: number;
  readonly zHigh: number;
  /** Keep the point buffer in these arrays under this name, from job to job (a worker's steady state). */
  readonly reuse?: { readonly arrays: ArrayReuse; readonly name: string };
}

/** Per-gap (or per-edge-range) state of the fast edge phase. */
export class FastEdgeGap {
  /** Current polylines (resampled, ready for the next level's splat). */
  private cur: PolylineBuffer;
  /** The JS path's resample target (the WASM path writes in place); allocated on first use. */
  private next: PolylineBuffer | null = null;
  /** The WASM path's writer back into `cur`, one for every level (its spill array is kept). */
  private writer: InPlaceWriter | null = null;
  /** Bounding box of the current points: [minX, minY, minZ, maxX, maxY, maxZ]. */
  readonly bounds = new Float64Array(6);
  private readonly smooth = new SmoothScratch();
  /** The JS path's copy of one edge's points before a sparse gradient step (see sparse-gradient.ts). */
  private before = new Float32Array(0);
  /**
   * nn_vis's class vector of edge e's samples is linear in t = slot/samples:
   * v(t) = table[a + c] + t·(table[b + c] − table[a + c]) with a = vecA[e], b = vecB[e]; float32 rows
   * of `voxelStride(C)` lanes, zero past C (the voxel layout).
   */
  private readonly table: Float32Array;
  /** Lanes per class-vector row and per voxel. */
  private readonly stride: number;
  /** The JS gradient's extended sample vector (one row). */
  private readonly sample: Float32Array;
  private readonly vecA: Int32Array;
  private readonly vecB: Int32Array;

  /** Everything from the setup but the initial polylines (not kept: they may be large). */
  private readonly setup: Omit<FastEdgeGapSetup, 'lines'>;
  /** Levels advected so far (splat and advect run level by level, in order). */
  private level = 0;

  /** Resamples the initial polylines (nn_vis resamples before every level). */
  constructor(setup: FastEdgeGapSetup) {
    const { lines, ...rest } = setup;
    this.setup = rest;
    const count = setup.sources.length;
    const whole = 'pointOffsets' in lines;
    const points = whole ? lines.pointOffsets[count]! : lines.points;
    this.cur = new PolylineBuffer(count, points * 1.3 + count * 2, setup.reuse);
    let line = 0, cursor = 0;
    for (const chunk of whole ? [lines] : lines.chunks) {
      cursor = resampleInto(chunk, this.cur, this.spacing(0), setup.maxPoints, line, cursor);
      line += chunk.pointOffsets.length - 1;
    }
    if (line !== count) throw new Error(`FastEdgeGap: ${line} initial polylines for ${count} edges`);
    const v = edgeVectorTable(setup);
    this.table = v.table; this.vecA = v.a; this.vecB = v.b;
    this.stride = voxelStride(setup.vectors.classes);
    this.sample = new Float32Array(this.stride);
    this.updateBounds();
  }

  /** The points' spacing during level `k` (nn_vis's sample length after the last level). */
  private spacing(k: number): number {
    return this.setup.spacings?.[k] ?? this.setup.sampleLength;
  }

  /** Number of points (a balancing weight for workers). */
  get pointCount(): number {
    return this.cur.pointOffsets[this.cur.count]!;
  }

  /** The current polylines (views, valid until the next `advect`). */
  get lines(): Polylines {
    return this.cur;
  }

  private updateBounds(): void {
    const b = this.bounds, p = this.cur.points, used = this.pointCount;
    b.set([Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity]);
    for (let i = 0; i < used * 3; i += 3) {
      const x = p[i]!, y = p[i + 1]!, z = p[i + 2]!;
      if (x < b[0]!) b[0] = x; if (x > b[3]!) b[3] = x;
      if (y < b[1]!) b[1] = y; if (y > b[4]!) b[4] = y;
      if (z < b[2]!) b[2] = z; if (z > b[5]!) b[5] = z;
    }
  }

  /**
   * Adds this set's density to `grid`: every point into its nearest voxel (the blur that follows
   * spreads it; measured as accurate as a bilinear splat and cheaper: docs/deviations.md F1), with the
   * trapezoid weights of nn_vis's per-segment deposits (½ per segment end; segment j carries the class
   * vector at t = j/n). On a level whose points are farther apart than nn_vis's (F14) the weights are
   * scaled by the spacing ratio: each coarse segment carries the mass of the fine ones it stands for.
   */
  splat(grid: FastGrid): void {
    const S = grid.stride, nx = grid.nx, ny = grid.ny, nz = grid.nz, inv = 1 / grid.cell;
    const ox = grid.ox, oy = grid.oy, oz = grid.oz;
    const { zLow, zHigh } = this.setup;
    const scale = this.spacing(this.level) / this.setup.sampleLength;
    if (grid instanceof WasmGrid) {
      const at = this.stageEdges(grid, 0);
      for (let e0 = 0; e0 < this.cur.count;) {
        const e1 = this.chunkEnd(e0), points = this.stagePoints(grid, at.free, e0, e1);
        grid.kernels.splat(points, at.offsets + e0 * 4, e1 - e0, at.table, at.vecA + e0 * 4, at.vecB + e0 * 4,
          grid.dataAt, nx, ny, nz, S, ox, oy, oz, inv, zLow, zHigh, scale);
        e0 = e1;
      }
      return;
    }
    // The WASM kernel's float32 lanes, operation for operation (each float32 operation is a float64
    // operation rounded by `fround` or by the store).
    const data = grid.data;
    const p = this.cur.points, offsets = this.cur.pointOffsets;
    const table = this.table, vecA = this.vecA, vecB = this.vecB;
    const deposit = (x: number, y: number, z: number, weight: number, tt: number, va: number, vb: number): void => {
      if (!(z >= zLow && z < zHigh)) return; // nn_vis splats a segment only if its midpoint is in range
      const i = floor((x - ox) * inv + 0.5), j = floor((y - oy) * inv + 0.5), k = floor((z - oz) * inv + 0.5);
      if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return;
      const t = fround(tt), w = fround(weight), at = ((k * ny + j) * nx + i) * S;
      for (let ch = 0; ch < S; ch++) {
        const v0 = table[va + ch]!, val = fround(v0 + fround(t * fround(table[vb + ch]! - v0)));
        data[at + ch] = data[at + ch]! + fround(w * val);
      }
    };
    for (let e = 0; e < this.cur.count; e++) {
      const first = offsets[e]!, n = offsets[e + 1]! - first;
      const va = vecA[e]!, vb = vecB[e]!;
      for (let j = 0; j < n; j++) {
        const o = (first + j) * 3;
        const x = p[o]!, y = p[o + 1]!, z = p[o + 2]!;
        deposit(x, y, z, (j === 0 || j === n - 1 ? 0.5 : 1) * scale, j === 0 ? 0 : j === n - 1 ? (n - 2) / n : (j - 0.5) / n, va, vb);
      }
    }
  }

  /**
   * Copies the offsets, the class-vector rows and the similarity row (zeros, −s in lane C: the
   * gradient's extension of every sample vector) into `grid`'s WASM memory and reserves room for the
   * output offsets, the smoothing scratch and the output's bounding box (8 floats: x/y/z minima, then
   * maxima, lane 3 unused; set to ±∞); returns their byte offsets and the first free byte after them.
   */
  private stageEdges(grid: WasmGrid, similarity: number): {
    offsets: number; table: number; vecA: number; vecB: number; similarity: number; outOffsets: number; prev: number; bounds: number; free: number;
  } {
    const row = new Float32Array(this.stride);
    row[grid.channels] = -similarity;
    const box = Float32Array.of(Infinity, Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity, -Infinity);
    const [offsets, table, vecA, vecB, sim, bounds] = grid.kernels.stage(grid.freeAt, [this.cur.pointOffsets, this.table, this.vecA, this.vecB, row, box]);
    const outOffsets = align16(bounds! + box.byteLength), prev = align16(outOffsets + this.cur.pointOffsets.byteLength);
    // `prev`: the smoothing's 3·bound float64, then the resample's four lanes of 3 int32.
    const free = align16(prev + resampledPointsBound(this.setup.maxPoints) * 24 + 48);
    grid.kernels.reserve(free);
    return { offsets: offsets!, table: table!, vecA: vecA!, vecB: vecB!, similarity: sim!, outOffsets, prev, bounds: bounds!, free };
  }

  /** The end of the edge chunk starting at e0: at most CHUNK_POINTS points, at least one edge. */
  private chunkEnd(e0: number): number {
    const offsets = this.cur.pointOffsets, count = this.cur.count, start = offsets[e0]!;
    let e1 = e0 + 1;
    while (e1 < count && offsets[e1 + 1]! - start <= CHUNK_POINTS) e1++;
    return e1;
  }

  /** Copies the points of edges [e0, e1) to byte `at`; returns the pointer the kernels index from point 0. */
  private stagePoints(grid: WasmGrid, at: number, e0: number, e1: number): number {
    const p0 = this.cur.pointOffsets[e0]!, p1 = this.cur.pointOffsets[e1]!;
    grid.kernels.reserve(at + (p1 - p0) * 12);
    new Float32Array(grid.kernels.memory.buffer, at, (p1 - p0) * 3).set(this.cur.points.subarray(p0 * 3, p1 * 3));
    return at - p0 * 12;
  }

  /**
   * One level's motion, fused per edge: move interior samples `step` (= bw·direction) along the
   * normalised one-sided class gradient read from `grid` (blurred, norms computed), then
   * `smoothingPasses` passes of nn_vis's moving average (window from `reductionAfter`), then resample.
   */
  advect(grid: FastGrid, step: number, similarity: number, nnVisPasses: number, reductionAfter: number): void {
    const spacing = this.spacing(this.level), next = this.spacing(this.level + 1);
    const smoothingPasses = coarseSmoothingPasses(nnVisPasses, spacing / this.setup.sampleLength);
    const sparse = sparseGradient(spacing, this.setup.sampleLength);
    this.level++;
    const nx = grid.nx, ny = grid.ny, nz = grid.nz, inv = 1 / grid.cell, C = grid.channels, S = grid.stride;
    const lx = grid.ox - grid.cell / 2, ly = grid.oy - grid.cell / 2, lz = grid.oz - grid.cell / 2;
    const { zLow, zHigh } = this.setup;
    if (grid instanceof WasmGrid) {
      const writer = this.writer?.target === this.cur ? this.writer : new InPlaceWriter(this.cur);
      this.writer = writer;
      writer.reset();
      const at = this.stageEdges(grid, similarity), offsets = this.cur.pointOffsets;
      new Int32Array(grid.kernels.memory.buffer, at.outOffsets, 1)[0] = 0;
      for (let e0 = 0; e0 < this.cur.count;) {
        const e1 = this.chunkEnd(e0), points = this.stagePoints(grid, at.free, e0, e1);
        grid.kernels.gradient(points, at.offsets + e0 * 4, e1 - e0, at.table, at.vecA + e0 * 4, at.vecB + e0 * 4, at.similarity,
          grid.dataAt, nx, ny, nz, C, S, lx, ly, lz, inv, step, zLow, zHigh, sparse ? 1 : 0, at.prev);
        this.finishInWasm(grid, at, points, e0, e1, smoothingPasses, reductionAfter, next, writer);
        e0 = e1;
      }
      writer.finish();
      offsets.set(new Int32Array(grid.kernels.memory.buffer, at.outOffsets, this.cur.count + 1));
      // The kernel's box of the points it wrote (the same floats as updateBounds would find).
      const box = new Float32Array(grid.kernels.memory.buffer, at.bounds, 8);
      this.bounds.set([box[0]!, box[1]!, box[2]!, box[4]!, box[5]!, box[6]!]);
      return;
    }
    const data = grid.data, v = this.sample;
    const p = this.cur.points, offsets = this.cur.pointOffsets;
    const table = this.table, vecA = this.vecA, vecB = this.vecB;
    const minusS = fround(-similarity);
    for (let e = 0; e < this.cur.count; e++) {
      const first = offsets[e]!, n = offsets[e + 1]! - first;
      const va = vecA[e]!, vb = vecB[e]!;
      const before = sparse ? this.copyEdge(first, n) : null;
      for (let j = 1; j + 1 < n; j += sparse ? 2 : 1) {
        const o = (first + j) * 3;
        const x = p[o]!, y = p[o + 1]!, z = p[o + 2]!;
        if (!(z >= zLow && z < zHigh)) continue;
        const fu = (x - lx) * inv, fw = (y - ly) * inv, fq = (z - lz) * inv;
        const i = floor(fu), k = floor(fw), m = floor(fq);
        // nn_vis gridDirection: difference towards the side of the cell centre the sample is on.
        const si = fu - i < 0.5 ? -1 : 1, sk = fw - k < 0.5 ? -1 : 1, sm = fq - m < 0.5 ? -1 : 1;
        if (i < 1 || k < 1 || m < 1 || i + 1 >= nx || k + 1 >= ny || m + 1 >= nz) continue;
        // The sample's class vector extended by −s in lane C (the voxel's ‖D‖), as the WASM kernel's lanes.
        const t = fround(j / n);
        for (let c = 0; c < S; c++) {
          const v0 = table[va + c]!;
          v[c] = fround(v0 + fround(t * fround(table[vb + c]! - v0))) + (c === C ? minusS : 0);
        }
        const here = (m * ny + k) * nx + i;
        const hx = (here + si) * S, hy = (here + sk * nx) * S, hz = (here + sm * nx * ny) * S;
        // nn_vis divides by ‖D‖: an empty voxel among the four makes the gradient NaN and the sample stays.
        if (!(data[here * S + C]! > 0 && data[hx + C]! > 0 && data[hy + C]! > 0 && data[hz + C]! > 0)) continue;
        // f = v·D − s·‖D‖ at the voxel and its three one-sided neighbours.
        const f0 = voxelAttraction(data, here * S, v, S);
        const gx = (voxelAttraction(data, hx, v, S) - f0) * si;
        const gy = (voxelAttraction(data, hy, v, S) - f0) * sk;
        const gz = (voxelAttraction(data, hz, v, S) - f0) * sm;
        const strength = sqrt(gx * gx + gy * gy + gz * gz);
        if (!(strength > 0)) continue;
        const scale = step / strength;
        p[o] = x + gx * scale; p[o + 1] = y + gy * scale; p[o + 2] = z + gz * scale;
      }
      if (before !== null) moveByNeighbours(p, first, n, before, zLow, zHigh);
    }
    this.smoothAndResample(smoothingPasses, reductionAfter, next);
  }

  /** A copy of edge points [first, first + n) in a scratch array reused from edge to edge. */
  private copyEdge(first: number, n: number): Float32Array {
    if (this.before.length < n * 3) this.before = new Float32Array(n * 3 * 2);
    this.before.set(this.cur.points.subarray(first * 3, (first + n) * 3));
    return this.before;
  }

  /**
   * The WASM `finish` for edges [e0, e1) after their gradient step (points indexed from `points`): per
   * edge the smoothing and the resample into WASM memory after the staged chunk, handed to `writer`
   * (back into the current buffer) whenever that room is full.
   */
  private finishInWasm(
    grid: WasmGrid, at: { offsets: number; outOffsets: number; prev: number; bounds: number }, points: number, e0: number, e1: number,
    smoothingPasses: number, reductionAfter: number, sampleLength: number, writer: InPlaceWriter,
  ): void {
    const { kernels } = grid;
    const { maxPoints } = this.setup;
    const bound = resampledPointsBound(maxPoints), offsets = this.cur.pointOffsets;
    const outAt = align16(points + offsets[e1]! * 12);
    const capacity = Math.ceil((offsets[e1]! - offsets[e0]!) * 1.3) + 2 * (e1 - e0) + bound;
    kernels.reserve(outAt + capacity * 12);
    let base = new Int32Array(kernels.memory.buffer, at.outOffsets + e0 * 4, 1)[0]!;
    for (let e = e0; e < e1;) {
      e = kernels.finish(points, at.offsets, e, e1, smoothingPasses, SMOOTHING_RADIUS_PERCENT, reductionAfter, at.prev,
        sampleLength, maxPoints, outAt, at.outOffsets, base, capacity, bound,
        RESAMPLE_RESERVED_SLOTS, RESAMPLE_TOLERANCE, TAIL_DROP_FRACTION, TAIL_MIDPOINT_FRACTION, at.bounds);
      const end = new Int32Array(kernels.memory.buffer, at.outOffsets + e * 4, 1)[0]!;
      writer.push(new Float32Array(kernels.memory.buffer, outAt, (end - base) * 3), offsets[e1]!);
      base = end;
    }
  }

  /** Per edge (its points stay in L1): nn_vis's smoothing passes, then the resample into `next`. */
  private smoothAndResample(smoothingPasses: number, reductionAfter: number, sampleLength: number): void {
    const { maxPoints } = this.setup;
    const bound = resampledPointsBound(maxPoints);
    const p = this.cur.points, offsets = this.cur.pointOffsets;
    const next = this.next ?? new PolylineBuffer(this.cur.count, this.pointCount * 1.3 + this.cur.count * 2);
    let cursor = 0;
    next.pointOffsets[0] = 0;
    for (let e = 0; e < this.cur.count; e++) {
      const first = offsets[e]!, n = offsets[e + 1]! - first;
      const radius = smoothingRadius(n, reductionAfter);
      // The common 3-point window in float32 lanes, as the WASM kernel; wider windows in float64.
      if (radius === 1) smoothThree32(p, first, n, smoothingPasses);
      else smoothPolyline(p, first, n, radius, smoothingPasses, this.smooth);
      next.reserve(cursor + bound, cursor);
      cursor += resamplePolyline32(p, first, n, sampleLength, maxPoints, next.points, cursor);
      next.pointOffsets[e + 1] = cursor;
    }
    this.next = this.cur;
    this.cur = next;
    this.updateBounds();
  }

  /** Trimmed copy of the current polylines. */
  snapshot(): Polylines {
    return this.cur.toPolylines();
  }
}

/**
 * Per-edge class-vector rows for `FastEdgeGap` (see its `table`), float32 with `voxelStride(C)` lanes:
 * type 0 interpolates the unit vectors of source and target, types 1 and 3 use one of them (a = b, so
 * dv/dt = 0), type 2 gets its own row (s + e)/(‖s‖ + ‖e‖) per edge.
 */
function edgeVectorTable(setup: FastEdgeGapSetup): { table: Float32Array; a: Int32Array; b: Int32Array } {
  const { vectors, type, sources, targets } = setup;
  const C = vectors.classes, S = voxelStride(C), count = sources.length;
  const a = new Int32Array(count), b = new Int32Array(count);
  if (type !== 2) {
    const nodes = vectors.length.length, unit = vectors.unit;
    const table = new Float32Array(nodes * S);
    for (let n = 0; n < nodes; n++) for (let c = 0; c < C; c++) table[n * S + c] = unit[n * C + c]!;
    for (let e = 0; e < count; e++) {
      const so = sources[e]! * S, to = targets[e]! * S;
      a[e] = type === 3 ? to : so;
      b[e] = type === 0 ? to : a[e]!;
    }
    return { table, a, b };
  }
  const table = new Float32Array(count * S), raw = vectors.raw;
  for (let e = 0; e < count; e++) {
    const so = sources[e]! * C, to = targets[e]! * C, d = vectors.length[sources[e]!]! + vectors.length[targets[e]!]!;
    for (let c = 0; c < C; c++) table[e * S + c] = d > 0 ? (raw[so + c]! + raw[to + c]!) / d : 0;
    a[e] = e * S; b[e] = e * S;
  }
  return { table, a, b };
}
