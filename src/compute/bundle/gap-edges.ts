/**
 * Splits the kept edges into layer gaps (nn_vis bundles each gap on its own grid) and joins the
 * per-gap polylines back into kept-edge order. Edges arrive ordered by gap (docs/data-format.md), so
 * each gap is a contiguous range of `kept`.
 */
import type { NetworkArrays } from '../types';
import type { Polylines } from '../polylines';
import { PolylineBuffer } from './polyline-buffer';

/** The kept edges of one layer gap. Arrays are owned by this object. */
export interface GapEdges {
  /** Index of the source layer. */
  readonly gap: number;
  /** Range of this gap in `kept`: kept[firstKept .. firstKept + count). */
  readonly firstKept: number;
  /** Global source / target node ids, one per edge of the gap. */
  readonly sources: Int32Array;
  readonly targets: Int32Array;
}

/** Groups `kept` (ascending edge ids) by gap; throws if the edges are not ordered by gap. */
export function splitByGap(net: NetworkArrays, kept: Int32Array): GapEdges[] {
  const gaps: GapEdges[] = [];
  let k = 0;
  let previousGap = -1;
  while (k < kept.length) {
    const gap = net.edgeGap[kept[k]!]!;
    if (gap <= previousGap) throw new Error('bundle: kept edges must be ordered by layer gap');
    let end = k;
    while (end < kept.length && net.edgeGap[kept[end]!] === gap) end++;
    const sources = new Int32Array(end - k), targets = new Int32Array(end - k);
    for (let i = k; i < end; i++) {
      sources[i - k] = net.edgeSource[kept[i]!]!;
      targets[i - k] = net.edgeTarget[kept[i]!]!;
    }
    gaps.push({ gap, firstKept: k, sources, targets });
    previousGap = gap;
    k = end;
  }
  return gaps;
}

/** Copies polylines [first, first+count) of `lines` into a new buffer with local offsets. */
export function slicePolylines(lines: Polylines, first: number, count: number): PolylineBuffer {
  const p0 = lines.pointOffsets[first]!, p1 = lines.pointOffsets[first + count]!;
  const out = new PolylineBuffer(count, p1 - p0);
  out.points.set(lines.points.subarray(p0 * 3, p1 * 3));
  for (let i = 0; i <= count; i++) out.pointOffsets[i] = lines.pointOffsets[first + i]! - p0;
  return out;
}

/** Concatenates polyline sets (in order) into one fresh, trimmed set. */
export function concatPolylines(parts: readonly Polylines[]): Polylines {
  let lines = 0, points = 0;
  for (const p of parts) {
    const n = p.pointOffsets.length - 1;
    lines += n;
    points += p.pointOffsets[n]!;
  }
  const out = { points: new Float32Array(points * 3), pointOffsets: new Int32Array(lines + 1) };
  let l = 0, base = 0;
  for (const p of parts) {
    const n = p.pointOffsets.length - 1;
    const used = p.pointOffsets[n]!;
    out.points.set(p.points.subarray(0, used * 3), base * 3);
    for (let i = 1; i <= n; i++) out.pointOffsets[l + i] = base + p.pointOffsets[i]!;
    l += n;
    base += used;
  }
  return out;
}
