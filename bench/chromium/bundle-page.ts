/**
 * The page side of the Chromium bundling benchmark (bench/run.js drives it): builds an nn_vis-style
 * random network, starts the compute worker pool exactly as the widget does (inlined worker bundle,
 * Blob URL), and times jobs from posting the network until the final polylines arrive.
 */
import workerSource from '@worker-bundle';
import { registerKdeEngines } from '../../src/compute/bundle/register-engines';
import { getEngine } from '../../src/compute/engine';
import { validateParams } from '../../src/compute/params';
import { processNetwork } from '../../src/compute/pipeline';
import { randomNetwork } from '../../src/compute/random-network';
import type { EngineName } from '../../src/compute/types';
import { WorkerPool } from '../../src/workers/worker-pool';
import { createInlineWorker } from '../../src/workers/worker-source';
import { RECORD_WASM_MEMORIES } from './wasm-memory-record';

/** One timed case. */
export interface BundleRunRequest {
  readonly layers: readonly number[];
  readonly engine: EngineName;
  readonly runs: number;
  readonly seed: number;
  /** Pool size, 1 or 2 (default 2, as the widget); 0 runs the pipeline on the page's own thread (a diagnostic: no worker, no messages). */
  readonly workers?: number;
  /** Also record when each phase's last level arrived in the last run (a diagnostic; no live pictures either way). */
  readonly timeline?: boolean;
  /** Live pictures at most this often, as the widget asks for them (150 ms); default none (a diagnostic). */
  readonly liveEveryMs?: number;
}

/** ms from posting the network until the last progress report of a phase arrived. */
export type PhaseTimeline = Partial<Record<string, number>>;

/** Times of each run in ms (after one warm-up run), and the size of the result. */
export interface BundleRunResult {
  readonly times: number[];
  readonly edges: number;
  readonly points: number;
  readonly workers: number;
  readonly timeline?: PhaseTimeline;
}

async function run(req: BundleRunRequest): Promise<BundleRunResult> {
  const net = randomNetwork(req.layers, req.seed, req.layers.join('-'));
  const params = validateParams({ engine: req.engine });
  const workers = req.workers ?? 2;
  if (workers === 0) return runInPage(req);
  // The workers' WASM memories are recorded for bench/worker-memory.ts (the prefix only observes).
  const client = new WorkerPool(() => createInlineWorker(RECORD_WASM_MEMORIES + workerSource), { workers });
  const times: number[] = [];
  let edges = 0;
  let points = 0;
  const timeline: PhaseTimeline = {};
  try {
    for (let r = 0; r <= req.runs; r++) {
      const start = performance.now();
      client.setNetwork(net);
      const onProgress = req.timeline === true ? (p: { phase: string; level: number }) => {
        const at = performance.now() - start;
        timeline[p.phase] = at;
        if (p.level === 1) timeline[`${p.phase}-first`] = at;
      } : undefined;
      const geometry = await client.process(params, { onProgress, liveEveryMs: req.liveEveryMs ?? Infinity });
      const ms = performance.now() - start;
      if (r > 0) times.push(ms); // run 0 warms up the worker and the JIT
      edges = geometry.keptEdges.length;
      points = geometry.pointOffsets[geometry.pointOffsets.length - 1] ?? 0;
    }
  } finally {
    client.dispose();
  }
  return { times, edges, points, workers: client.poolSize, ...(req.timeline === true ? { timeline } : {}) };
}

/** The same timing with the pipeline on this thread, as bench/bundle-node.ts does in Node. */
function runInPage(req: BundleRunRequest): BundleRunResult {
  registerKdeEngines();
  const net = randomNetwork(req.layers, req.seed, req.layers.join('-'));
  const params = validateParams({ engine: req.engine });
  const times: number[] = [];
  let edges = 0;
  let points = 0;
  for (let r = 0; r <= req.runs; r++) {
    const start = performance.now();
    const steps = processNetwork(net, params, getEngine(params.engine));
    let step = steps.next();
    while (step.done !== true) step = steps.next();
    if (r > 0) times.push(performance.now() - start);
    edges = step.value.keptEdges.length;
    points = step.value.pointOffsets[step.value.pointOffsets.length - 1] ?? 0;
  }
  return { times, edges, points, workers: 0 };
}

(window as unknown as { bench: { run: typeof run } }).bench = { run };
