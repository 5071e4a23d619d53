import { fastEngine } from '../../src/compute/bundle/fast-engine';
import { meanPointDistance } from '../../src/compute/bundle/quality';
import { DEFAULT_PARAMS } from '../../src/compute/params';
import { processNetwork } from '../../src/compute/pipeline';
import { randomNetwork } from '../../src/compute/random-network';
import type { ProcessedGeometry, ProcessingParams } from '../../src/compute/types';
import { JobCancelledError, type ComputeProgress } from '../../src/workers/job-types';
import { unpackShares } from '../../src/workers/edge-shares';
import { WorkerPool } from '../../src/workers/worker-pool';
import { FakePoolWorker, type CrashOn } from './worker-pool-fakes';

const net = randomNetwork([24, 12, 6, 4], 11);
// 7 edge levels. Two workers round differently (blur(A) + blur(B) against blur(A + B)), and nn_vis's
// wrapped norm (nn-vis-norm-wrap.ts) amplifies that at once, so results are compared by mean point
// distance (docs/deviations.md F10, F12), never byte for byte across pool sizes.
const params: ProcessingParams = { ...DEFAULT_PARAMS, engine: 'fast', edgeBandwidthReduction: 0.7 };

function singleThreaded(p: ProcessingParams, network = net): ProcessedGeometry {
  const steps = processNetwork(network, p, fastEngine);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

const reference = singleThreaded(params);

function setup(crashOn: (workerIndex: number, created: number) => CrashOn = () => null, network = net) {
  const workers: FakePoolWorker[] = [];
  const pool = new WorkerPool(() => {
    const worker = new FakePoolWorker(crashOn(workers.length % 2, workers.length));
    workers.push(worker);
    return worker as unknown as Worker;
  }, { minPoolEdges: 0 });
  pool.setNetwork(network);
  return { pool, workers };
}

/** The last edge level each worker reported. */
function lastLevels(workers: readonly FakePoolWorker[]): number[] {
  return workers.map((w) => Math.max(0, ...w.sent.map((m) => (m.type === 'pool-level' ? m.done : 0))));
}

/**
 * Cancels a job once edge level 2 is reported; checks that each worker then finished at most the
 * level it was running (workers that share no gap may be at different levels).
 */
async function cancelAtLevel2(pool: WorkerPool, workers: readonly FakePoolWorker[]): Promise<void> {
  let atCancel: number[] = [];
  const job = pool.process(params, {
    onProgress: (p) => {
      if (p.phase !== 'edges' || p.level !== 2) return;
      atCancel = lastLevels(workers);
      pool.cancel();
    },
  });
  await expect(job).rejects.toMatchObject({ name: 'JobCancelledError', reason: 'cancelled' });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(atCancel.every((level) => level >= 2 && level < 7)).toBe(true);
  lastLevels(workers).forEach((level, w) => expect(level).toBeLessThanOrEqual(atCancel[w]! + 1));
  for (const worker of workers) expect(worker.received[worker.received.length - 1]).toMatchObject({ type: 'cancel' });
}

describe('WorkerPool running the fast engine on two workers', () => {
  it('stays close to the single-threaded polylines, with its node positions and kept edges, and the same bytes every run', async () => {
    const { pool, workers } = setup();
    const first = await pool.process(params);
    const second = await pool.process(params);
    pool.dispose();
    expect(workers).toHaveLength(2);
    // The biggest gap was split between the two workers.
    const edges = workers[1]!.received.find((m) => m.type === 'pool-edges');
    expect(edges?.type === 'pool-edges' && unpackShares(edges.shares).filter((s) => s.split).map((s) => s.worker)).toEqual([0, 1]);
    expect(Array.from(first.keptEdges)).toEqual(Array.from(reference.keptEdges));
    expect(Array.from(first.nodePositions)).toEqual(Array.from(reference.nodePositions));
    expect(meanPointDistance(first, reference)).toBeLessThan(0.02 * params.layerWidth);
    expect(Buffer.from(second.points.buffer).equals(Buffer.from(first.points.buffer))).toBe(true);
  });

  it('stays close to one worker at the default 23 edge levels, where rounding differences grow', async () => {
    const defaults: ProcessingParams = { ...DEFAULT_PARAMS, engine: 'fast' };
    const { pool } = setup();
    const pooled = await pool.process(defaults);
    const again = await pool.process(defaults);
    pool.dispose();
    // docs/deviations.md F10: the dynamics amplify the split's rounding; measured 0.009·layerWidth here.
    expect(meanPointDistance(pooled, singleThreaded(defaults))).toBeLessThan(0.02 * defaults.layerWidth);
    expect(Buffer.from(again.points.buffer).equals(Buffer.from(pooled.points.buffer))).toBe(true);
  });

  it('gives the same bytes on workers that ran a bigger and a smaller job before (their polyline arrays are reused)', async () => {
    const fresh = setup();
    const expected = await fresh.pool.process(params);
    fresh.pool.dispose();
    const { pool } = setup();
    await pool.process({ ...params, samplingRate: 25 });
    await pool.process({ ...params, prunePercentage: 0.6 });
    const after = await pool.process(params);
    pool.dispose();
    expect(Buffer.from(after.points.buffer).equals(Buffer.from(expected.points.buffer))).toBe(true);
    expect(Array.from(after.pointOffsets)).toEqual(Array.from(expected.pointOffsets));
  });

  // Four equal gaps: dealt whole, two per worker (SPLIT_ABOVE), so no grid is shared and each worker
  // runs its gaps through all levels on its own.
  const even = randomNetwork([10, 10, 10, 10, 10], 3);

  it('streams live pictures of every kept edge from workers that share no gap', async () => {
    const { pool } = setup(undefined, even);
    const seen: ComputeProgress[] = [];
    const done = await pool.process(params, { onProgress: (p) => seen.push(p), liveEveryMs: 0 });
    pool.dispose();
    const live = seen.filter((p) => p.phase === 'edges' && p.geometry !== undefined);
    expect(live.length).toBeGreaterThan(1);
    for (const p of live) expect(p.geometry!.pointOffsets.length).toBe(done.keptEdges.length + 1);
    expect(Buffer.from(done.points.buffer).equals(Buffer.from(singleThreaded(params, even).points.buffer))).toBe(true);
  });

  it('runs whole gaps on the two workers, each on its own, with one worker\'s bytes, when no gap holds most points', async () => {
    const { pool, workers } = setup(undefined, even);
    const pooled = await pool.process(params);
    pool.dispose();
    const edges = workers[1]!.received.find((m) => m.type === 'pool-edges');
    const shares = edges?.type === 'pool-edges' ? unpackShares(edges.shares) : [];
    expect(shares.some((s) => s.split)).toBe(false);
    expect(shares.map((s) => s.worker).sort()).toEqual([0, 0, 1, 1]);
    const expected = singleThreaded(params, even);
    expect(Buffer.from(pooled.points.buffer).equals(Buffer.from(expected.points.buffer))).toBe(true);
    expect(Array.from(pooled.pointOffsets)).toEqual(Array.from(expected.pointOffsets));
  });

  it('stops such a job within one edge level too', async () => {
    const { pool, workers } = setup(undefined, even);
    await cancelAtLevel2(pool, workers);
    pool.dispose();
  });

  it('streams node and edge progress with live pictures of every kept edge', async () => {
    const { pool } = setup();
    const seen: ComputeProgress[] = [];
    await pool.process(params, { onProgress: (p) => seen.push(p), liveEveryMs: 0 });
    pool.dispose();
    const edges = seen.filter((p) => p.phase === 'edges');
    expect(seen.some((p) => p.phase === 'nodes' && p.geometry !== undefined)).toBe(true);
    expect(edges.map((p) => p.level)).toEqual(Array.from({ length: edges[0]!.levels }, (_, i) => i + 1));
    const live = edges.find((p) => p.geometry !== undefined)!.geometry!;
    expect(live.pointOffsets.length).toBe(reference.keptEdges.length + 1);
    expect(seen[seen.length - 1]!.phase).toBe('done');
  });

  it('stops a cancelled job within one edge level and runs the next one normally', async () => {
    const { pool, workers } = setup();
    await cancelAtLevel2(pool, workers);
    expect(meanPointDistance(await pool.process(params), reference)).toBeLessThan(0.02 * params.layerWidth);
    pool.dispose();
  });

  it('rejects a superseded job and finishes the newer one', async () => {
    const { pool } = setup();
    const older = pool.process(params);
    const newer = pool.process({ ...params, prunePercentage: 0.5 });
    await expect(older).rejects.toBeInstanceOf(JobCancelledError);
    await expect(older).rejects.toMatchObject({ reason: 'superseded' });
    const result = await newer;
    pool.dispose();
    expect(meanPointDistance(result, singleThreaded({ ...params, prunePercentage: 0.5 }))).toBeLessThan(0.02 * params.layerWidth);
  });

  it('reports a worker crash at the start of the edge phase and starts fresh workers for the next job', async () => {
    const { pool, workers } = setup((index, created) => (index === 1 && created < 2 ? 'pool-edges' : null));
    await expect(pool.process(params)).rejects.toThrow('compute worker 2 of 2 crashed: out of memory in pool-edges');
    expect(workers.every((w) => w.terminated)).toBe(true);
    const result = await pool.process(params);
    pool.dispose();
    expect(workers).toHaveLength(4);
    expect(meanPointDistance(result, reference)).toBeLessThan(0.02 * params.layerWidth);
  });

  it('runs other engines on one worker', async () => {
    const { pool, workers } = setup();
    const straight = await pool.process({ ...params, engine: 'straight' });
    pool.dispose();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.received.some((m) => m.type === 'process')).toBe(true);
    const expected = processNetwork(net, { ...params, engine: 'straight' });
    let step = expected.next();
    while (step.done !== true) step = expected.next();
    expect(Array.from(straight.points)).toEqual(Array.from(step.value.points));
  });
});
