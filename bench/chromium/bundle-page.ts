/**
 * The page side of the Chromium bundling benchmark (bench/run.js drives it): builds an nn_vis-style
 * random network, starts the compute worker pool exactly as the widget does (inlined worker bundle,
 * Blob URL), and times jobs from posting the network until the final polylines arrive.
 */
import workerSource from '@worker-bundle';
import { validateParams } from '../../src/compute/params';
import { randomNetwork } from '../../src/compute/random-network';
import type { EngineName } from '../../src/compute/types';
import { WorkerPool } from '../../src/workers/worker-pool';
import { createInlineWorker } from '../../src/workers/worker-source';

/** One timed case. */
export interface BundleRunRequest {
  readonly layers: readonly number[];
  readonly engine: EngineName;
  readonly runs: number;
  readonly seed: number;
  /** Pool size, 1 or 2 (default 2, as the widget). */
  readonly workers?: number;
}

/** Times of each run in ms (after one warm-up run), and the size of the result. */
export interface BundleRunResult {
  readonly times: number[];
  readonly edges: number;
  readonly points: number;
  readonly workers: number;
}

async function run(req: BundleRunRequest): Promise<BundleRunResult> {
  const net = randomNetwork(req.layers, req.seed, req.layers.join('-'));
  const params = validateParams({ engine: req.engine });
  const workers = req.workers ?? 2;
  const client = new WorkerPool(() => createInlineWorker(workerSource), { workers });
  const times: number[] = [];
  let edges = 0;
  let points = 0;
  try {
    for (let r = 0; r <= req.runs; r++) {
      const start = performance.now();
      client.setNetwork(net);
      const geometry = await client.process(params);
      const ms = performance.now() - start;
      if (r > 0) times.push(ms); // run 0 warms up the worker and the JIT
      edges = geometry.keptEdges.length;
      points = geometry.pointOffsets[geometry.pointOffsets.length - 1] ?? 0;
    }
  } finally {
    client.dispose();
  }
  return { times, edges, points, workers: client.poolSize };
}

(window as unknown as { bench: { run: typeof run } }).bench = { run };
