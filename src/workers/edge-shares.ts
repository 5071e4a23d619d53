/**
 * How a pool of workers shares the `fast` edge phase, balanced by points (performance.md §3): the
 * gap with the most points is split in two contiguous halves of kept edges, one per worker, whose
 * blurred partial grids are summed each level; every other gap goes whole to the less loaded worker.
 * Also gathers the workers' polylines back into kept-edge order. Pure: runs in Node tests.
 */
import type { Polylines } from '../compute/polylines';
import type { NetworkArrays } from '../compute/types';

/**
 * With two workers the heaviest gap is split only when dealing whole gaps would leave one worker more
 * than this share of the points. A split costs a lockstep with the other worker every level and both
 * blur and sum the split gap's whole grid; on 100-81-49-36-10 (57 % in its first gap) whole gaps were
 * faster (docs/architecture.md).
 */
export const SPLIT_ABOVE = 0.6;

/** Int32 fields per packed share: worker, first kept index, edge count, split flag (0/1). */
export const SHARE_FIELDS = 4;

/** One worker's contiguous range of kept edges, inside one layer gap. */
export interface EdgeShare {
  /** Index of the worker that bundles it. */
  readonly worker: number;
  /** Range in `kept`: kept[first .. first + count). */
  readonly first: number;
  readonly count: number;
  /** True for the two halves of the split gap (they exchange grids every level). */
  readonly split: boolean;
}

/** Packs shares (ordered by `first`) for a message. */
export function packShares(shares: readonly EdgeShare[]): Int32Array {
  const out = new Int32Array(shares.length * SHARE_FIELDS);
  shares.forEach((s, i) => out.set([s.worker, s.first, s.count, s.split ? 1 : 0], i * SHARE_FIELDS));
  return out;
}

/** Unpacks `packShares`'s output. */
export function unpackShares(packed: Int32Array): EdgeShare[] {
  const out: EdgeShare[] = [];
  for (let i = 0; i + SHARE_FIELDS <= packed.length; i += SHARE_FIELDS) {
    out.push({ worker: packed[i]!, first: packed[i + 1]!, count: packed[i + 2]!, split: packed[i + 3] === 1 });
  }
  return out;
}

/**
 * Plans the shares of `workers` (1 or 2) workers. Weights are the straight polylines' point counts
 * (the edge phase's cost is linear in points). With 2 workers: whole gaps, dealt heaviest first to
 * the less loaded worker, when that leaves neither more than SPLIT_ABOVE of the points; else the other
 * gaps are dealt so, then the heaviest gap is cut so both end equal (it stays whole when the cut
 * would leave one side empty).
 *
 * @param offsets the straight polylines' point offsets, one polyline per kept edge in `kept` order
 *   (`straightPointOffsets`)
 * @returns shares ordered by `first`, covering every kept edge once
 */
export function planEdgeShares(net: NetworkArrays, kept: Int32Array, offsets: Int32Array, workers: number): EdgeShare[] {
  const ranges: { first: number; count: number; points: number }[] = [];
  for (let k = 0; k < kept.length;) {
    const gap = net.edgeGap[kept[k]!]!;
    let end = k;
    while (end < kept.length && net.edgeGap[kept[end]!] === gap) end++;
    ranges.push({ first: k, count: end - k, points: offsets[end]! - offsets[k]! });
    k = end;
  }
  if (workers < 2 || ranges.length === 0) return ranges.map((r) => ({ worker: 0, first: r.first, count: r.count, split: false }));
  const whole = dealWhole(ranges);
  if (whole.heaviest <= SPLIT_ABOVE * whole.total) return ranges.map((r, i) => ({ worker: whole.owner[i]!, first: r.first, count: r.count, split: false }));
  let big = 0;
  ranges.forEach((r, i) => { if (r.points > ranges[big]!.points) big = i; });
  // The other gaps whole (the heavy one weighs nothing here), then the heavy gap cut between the workers.
  const { owner, load } = dealWhole(ranges.map((r, i) => ({ points: i === big ? 0 : r.points })));
  const heavy = ranges[big]!;
  const total = load[0]! + load[1]! + heavy.points;
  // Worker 0 takes the front of the heavy gap until it holds half of all points.
  const want = offsets[heavy.first]! + total / 2 - load[0]!;
  let cut = heavy.first;
  while (cut < heavy.first + heavy.count && offsets[cut + 1]! <= want) cut++;
  if (cut < heavy.first + heavy.count && offsets[cut + 1]! - want < want - offsets[cut]!) cut++;
  const shares: EdgeShare[] = [];
  ranges.forEach((r, i) => {
    if (i !== big) { shares.push({ worker: owner[i]!, first: r.first, count: r.count, split: false }); return; }
    if (cut === r.first || cut === r.first + r.count) {
      shares.push({ worker: load[1]! < load[0]! ? 1 : 0, first: r.first, count: r.count, split: false });
      return;
    }
    shares.push({ worker: 0, first: r.first, count: cut - r.first, split: true });
    shares.push({ worker: 1, first: cut, count: r.first + r.count - cut, split: true });
  });
  return shares;
}

/** Deals whole ranges, heaviest first, each to the less loaded of two workers. */
function dealWhole(ranges: readonly { readonly points: number }[]): { owner: Int32Array; load: number[]; heaviest: number; total: number } {
  const load = [0, 0];
  const owner = new Int32Array(ranges.length);
  const order = ranges.map((_, i) => i).sort((a, b) => ranges[b]!.points - ranges[a]!.points || a - b);
  for (const i of order) {
    const w = load[1]! < load[0]! ? 1 : 0;
    owner[i] = w;
    load[w] = load[w]! + ranges[i]!.points;
  }
  return { owner, load, heaviest: Math.max(load[0]!, load[1]!), total: load[0]! + load[1]! };
}

/**
 * Joins the workers' polylines into kept-edge order.
 *
 * @param shares every share, ordered by `first`
 * @param parts per worker, its shares' polylines concatenated in share order
 * @returns fresh, trimmed arrays owned by the caller (each the sole view of its buffer)
 */
export function gatherShares(shares: readonly EdgeShare[], parts: readonly Polylines[]): { points: Float32Array; pointOffsets: Int32Array } {
  let lines = 0, total = 0;
  for (const p of parts) {
    lines += p.pointOffsets.length - 1;
    total += p.pointOffsets[p.pointOffsets.length - 1]!;
  }
  const points = new Float32Array(total * 3), pointOffsets = new Int32Array(lines + 1);
  const nextLine = new Int32Array(parts.length);
  let base = 0;
  for (const s of shares) {
    const part = parts[s.worker];
    if (part === undefined) throw new Error(`gatherShares: no polylines from worker ${s.worker}`);
    const l0 = nextLine[s.worker]!, p0 = part.pointOffsets[l0]!, p1 = part.pointOffsets[l0 + s.count];
    if (p1 === undefined) throw new Error(`gatherShares: worker ${s.worker} sent too few polylines`);
    points.set(part.points.subarray(p0 * 3, p1 * 3), base * 3);
    for (let i = 1; i <= s.count; i++) pointOffsets[s.first + i] = base + part.pointOffsets[l0 + i]! - p0;
    base += p1 - p0;
    nextLine[s.worker] = l0 + s.count;
  }
  return { points, pointOffsets };
}
