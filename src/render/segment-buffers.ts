/**
 * Packing of polylines into the merged, non-instanced segment buffers every edge mode draws from
 * (reference/performance.md §4: software WebGL pays ~14 µs per instance, so no instancing). Each
 * segment between consecutive polyline points becomes `VERTICES_PER_SEGMENT` vertices that all
 * carry the same data (A, B, colour, imp); the vertex shader tells them apart by gl_VertexID & 3.
 * Three index lists over the same vertices select a mode: quads (ellipsoids), lines, points
 * (sample spheres). Pure typed-array code: the caller owns every buffer.
 */
import { seededRandom } from '../compute/random-network';

/** Vertices per segment: the four corners of its screen-space quad. */
export const VERTICES_PER_SEGMENT = 4;
/** Floats per vertex in the end-point buffer: A (xyz), then B (xyz). */
export const ENDS_STRIDE = 6;
/** Index entries per segment for the ellipsoid quads: two triangles (corners 0 1 2, 0 2 3). */
export const QUAD_INDICES = 6;
/** Index entries per segment for lines: corner 0 (at A) and corner 1 (at B). */
export const LINE_INDICES = 2;
/** Index entries per segment for sample spheres: corner 0 (centre A). */
export const POINT_INDICES = 1;

/** How a mode draws the segments: index entries per segment and which corners they name. */
export type SegmentTopology = 'quads' | 'lines' | 'points';

/** Segments merged into one line by the coarse lines of the level of detail, at most. */
export const MAX_COARSE_STRIDE = 16;

const CORNERS: Readonly<Record<SegmentTopology, readonly number[]>> = {
  quads: [0, 1, 2, 0, 2, 3],
  lines: [0, 1],
  points: [0],
};

/** Index entries per segment of `topology`. */
export function indicesPerSegment(topology: SegmentTopology): number {
  return CORNERS[topology].length;
}

/**
 * Number of segments of the polylines: every polyline of n ≥ 1 points has n − 1.
 *
 * @param pointOffsets K+1 offsets; polyline k is points [offsets[k], offsets[k+1])
 */
export function segmentCount(pointOffsets: Int32Array): number {
  let s = 0;
  for (let k = 0; k + 1 < pointOffsets.length; k++) s += Math.max((pointOffsets[k + 1] as number) - (pointOffsets[k] as number) - 1, 0);
  return s;
}

/**
 * Writes A and B of every segment, polyline by polyline, into `out` (S·VERTICES_PER_SEGMENT
 * vertices of ENDS_STRIDE floats, the same six numbers repeated on the segment's four vertices).
 *
 * @param points       P·3 floats, xyz per polyline point
 * @param pointOffsets K+1 offsets into the points
 * @param out          at least segmentCount·VERTICES_PER_SEGMENT·ENDS_STRIDE floats
 * @returns the number of segments written
 */
export function packSegmentEnds(points: Float32Array, pointOffsets: Int32Array, out: Float32Array): number {
  let o = 0;
  let s = 0;
  for (let k = 0; k + 1 < pointOffsets.length; k++) {
    const end = pointOffsets[k + 1] as number;
    for (let p = pointOffsets[k] as number; p + 1 < end; p++) {
      const ax = points[3 * p] as number;
      const ay = points[3 * p + 1] as number;
      const az = points[3 * p + 2] as number;
      const bx = points[3 * p + 3] as number;
      const by = points[3 * p + 4] as number;
      const bz = points[3 * p + 5] as number;
      for (let v = 0; v < VERTICES_PER_SEGMENT; v++) {
        out[o] = ax;
        out[o + 1] = ay;
        out[o + 2] = az;
        out[o + 3] = bx;
        out[o + 4] = by;
        out[o + 5] = bz;
        o += ENDS_STRIDE;
      }
      s++;
    }
  }
  return s;
}

/**
 * Writes the index list of `topology` for `segments` segments into `out`, in draw order `order`
 * (a permutation of 0..segments−1) or in buffer order when `order` is null.
 *
 * @param out at least segments·indicesPerSegment(topology) entries
 * @returns the number of index entries written
 */
export function writeSegmentIndex(topology: SegmentTopology, segments: number, order: Int32Array | null, out: Uint32Array): number {
  const corners = CORNERS[topology];
  let m = 0;
  for (let i = 0; i < segments; i++) {
    const base = (order ? (order[i] as number) : i) * VERTICES_PER_SEGMENT;
    for (const c of corners) out[m++] = base + c;
  }
  return m;
}

/**
 * Writes a coarse line list: each polyline's segments in runs of `stride`, every run one line from
 * the first segment's A (corner 0) to the last segment's B (corner 1). Straight polylines keep
 * their shape exactly; bundled ones lose detail finer than `stride` samples. Polylines are taken by
 * descending `weights` (negative: never) until `maxLines` lines are written, so a huge network
 * shows its most important edges while the camera moves.
 *
 * @param weights one per polyline
 * @param out     at least maxLines·2 entries
 * @returns the number of index entries written
 */
export function writeCoarseLineIndex(pointOffsets: Int32Array, weights: Float32Array, stride: number, maxLines: number, out: Uint32Array): number {
  const polylines = pointOffsets.length - 1;
  const first = new Int32Array(polylines);
  let base = 0;
  for (let k = 0; k < polylines; k++) {
    first[k] = base;
    base += Math.max((pointOffsets[k + 1] as number) - (pointOffsets[k] as number) - 1, 0);
  }
  const order = Array.from({ length: polylines }, (_, k) => k).sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  let m = 0;
  for (const k of order) {
    if ((weights[k] as number) < 0) break;
    const segments = Math.max((pointOffsets[k + 1] as number) - (pointOffsets[k] as number) - 1, 0);
    if (m + 2 * Math.ceil(segments / stride) > 2 * maxLines) break;
    const start = first[k] as number;
    for (let j = 0; j < segments; j += stride) {
      out[m++] = (start + j) * VERTICES_PER_SEGMENT;
      out[m++] = (start + Math.min(j + stride, segments) - 1) * VERTICES_PER_SEGMENT + 1;
    }
  }
  return m;
}

/**
 * A seeded random permutation of 0..n−1 (Fisher–Yates), for draw-order tests:
 * the transparent picture must not depend on it.
 */
export function shuffledOrder(n: number, seed: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const random = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i] as number;
    order[i] = order[j] as number;
    order[j] = tmp;
  }
  return order;
}
