/**
 * Bundling benchmark in Node, single thread (the Chromium + 2-worker benchmark is bench/run.js).
 * Prints one JSON object per line. Build and run:
 *
 *   npx tsc -p bench/tsconfig.json && node bench/out/bench/bundle-node.js [--smoke] [--runs N] [--case NAME]
 *
 * Speed cases time the whole pipeline (prune, layout, node phase, straight edges, edge phase) on
 * nn_vis-style random networks (10 classes, nn_vis defaults, no pruning): median of N runs after a
 * warm-up. Fidelity cases compare `fast` with `exact` on small networks (same node positions for the
 * edge phase, since nn_vis's node phase is chaotic; see docs/deviations.md).
 */
import { exactEngine } from '../src/compute/bundle/exact-engine';
import type { KdeEngine } from '../src/compute/bundle/engine-types';
import { fastEngine } from '../src/compute/bundle/fast-engine';
import { allFinite, differentClassDistance, endpointsFixed, gapExcursion, inkRatio, meanDistortion, meanPointDistance } from '../src/compute/bundle/quality';
import { sampleLength } from '../src/compute/geometry-constants';
import { gridLayout } from '../src/compute/layout';
import { validateParams } from '../src/compute/params';
import { processNetwork } from '../src/compute/pipeline';
import type { Polylines } from '../src/compute/polylines';
import { randomNetwork } from '../src/compute/random-network';
import { straightEdges } from '../src/compute/straight-edges';
import type { NetworkArrays, ProcessedGeometry } from '../src/compute/types';

const SEED = 1;
const SPEED_CASES = ['100-81-49-36-10', '784-81-49-10', '784-256-128-10'];
const FIDELITY_CASES = ['6-5-4', '8-6-4-3', '16-12-8-4'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const smoke = process.argv.includes('--smoke');
const runs = Number(arg('--runs') ?? (smoke ? 1 : 5));
const only = arg('--case');

function layers(name: string): number[] {
  return name.split('-').map(Number);
}

/** JS heap plus memory outside it: `external` holds the ArrayBuffers and WebAssembly memories. */
function memoryMb(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 2 ** 20;
}

/** Runs the pipeline once; returns the geometry, wall time and peak heap + array buffers. */
function timePipeline(net: NetworkArrays, engine: KdeEngine): { geometry: ProcessedGeometry; ms: number; peakMb: number } {
  const params = validateParams({ engine: engine.name });
  const before = memoryMb();
  let peakMb = before;
  const start = performance.now();
  const steps = processNetwork(net, params, engine);
  for (let step = steps.next(); ; step = steps.next()) {
    peakMb = Math.max(peakMb, memoryMb());
    if (step.done === true) return { geometry: step.value, ms: performance.now() - start, peakMb };
  }
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function speedCase(name: string): void {
  const net = randomNetwork(layers(name), SEED, name);
  timePipeline(net, fastEngine); // warm-up
  const times: number[] = [];
  let peak = 0;
  let geometry: ProcessedGeometry | null = null;
  for (let r = 0; r < runs; r++) {
    const t = timePipeline(net, fastEngine);
    times.push(t.ms);
    peak = Math.max(peak, t.peakMb);
    geometry = t.geometry;
  }
  times.sort((a, b) => a - b);
  const g = geometry!;
  const lines: Polylines = { points: g.points, pointOffsets: g.pointOffsets };
  const straight = straightEdges(net, g.keptEdges, g.nodePositions, sampleLength(validateParams({})));
  console.log(JSON.stringify({
    case: name, engine: 'fast', runtime: 'node', threads: 1,
    median_ms: round(times[times.length >> 1]!), min_ms: round(times[0]!), max_ms: round(times[times.length - 1]!), runs,
    peak_mb: round(peak), max_rss_mb: round(process.resourceUsage().maxRSS / 1024),
    edges: g.keptEdges.length, points: g.pointOffsets[g.pointOffsets.length - 1],
    distortion: round(meanDistortion(lines), 3), ink_ratio: round(inkRatio(lines, straight), 3),
    class_separation_trend: round(differentClassDistance(net, g.keptEdges, lines, 0) / differentClassDistance(net, g.keptEdges, straight, 0), 3),
    ...excursion(lines),
    endpoints_fixed: endpointsFixed(lines, g.nodePositions, gather(net.edgeSource, g.keptEdges), gather(net.edgeTarget, g.keptEdges)),
    all_finite: allFinite(lines),
  }));
}

/** Interior samples outside their gap's z interval: share and largest distance (nn_vis: ~1 %, ≤ ~0.2). */
function excursion(lines: Polylines): { outside_gap_share: number; outside_gap_max: number } {
  const { outsideShare, maxOutside } = gapExcursion(lines);
  return { outside_gap_share: round(outsideShare, 3), outside_gap_max: round(maxOutside, 3) };
}

function gather(values: Int32Array, ids: Int32Array): Int32Array {
  return Int32Array.from(ids, (id) => values[id]!);
}

function edgePhase(engine: KdeEngine, net: NetworkArrays, positions: Float32Array, straight: Polylines, params = validateParams({})): Polylines {
  const kept = Int32Array.from({ length: net.edgeGap.length }, (_, i) => i);
  const phase = engine.edgePhase(net, kept, positions, straight, params);
  for (let step = phase.next(); ; step = phase.next()) if (step.done === true) return step.value;
}

function fidelityCase(name: string): void {
  const params = validateParams({});
  const net = randomNetwork(layers(name), SEED, name);
  const kept = Int32Array.from({ length: net.edgeGap.length }, (_, i) => i);
  const positions = gridLayout(net, params);
  let start = performance.now();
  for (const _ of exactEngine.nodePhase(net, kept, positions, params)) { /* to the end */ }
  const straight = straightEdges(net, kept, positions, sampleLength(params));
  const exact = edgePhase(exactEngine, net, positions, straight);
  const exactMs = performance.now() - start;
  start = performance.now();
  const fast = edgePhase(fastEngine, net, positions, straight);
  const fastEdgeMs = performance.now() - start;
  // nn_vis's own sensitivity: exact again after nudging one node by 1e-4.
  const nudged = positions.slice();
  nudged[3] = nudged[3]! + 1e-4;
  const exactNudged = edgePhase(exactEngine, net, nudged, straightEdges(net, kept, nudged, sampleLength(params)));
  // Whole pipeline with fast (its own node phase) against exact's.
  const fastPositions = gridLayout(net, params);
  for (const _ of fastEngine.nodePhase(net, kept, fastPositions, params)) { /* to the end */ }
  const fastStraight = straightEdges(net, kept, fastPositions, sampleLength(params));
  const fastFull = edgePhase(fastEngine, net, fastPositions, fastStraight);
  const separation = (lines: Polylines): number =>
    differentClassDistance(net, kept, lines, params.edgeImportanceType) / differentClassDistance(net, kept, straight, params.edgeImportanceType);
  const w = params.layerWidth;
  console.log(JSON.stringify({
    case: `fidelity-${name}`, engine: 'fast', reference: 'exact', runtime: 'node', runs: 1,
    median_ms: round(fastEdgeMs), min_ms: round(fastEdgeMs), max_ms: round(fastEdgeMs), exact_ms: round(exactMs), peak_mb: round(memoryMb()),
    mean_distance_over_width: round(meanPointDistance(fast, exact) / w, 4),
    exact_noise_over_width: round(meanPointDistance(exactNudged, exact) / w, 4),
    full_pipeline_distance_over_width: round(meanPointDistance(fastFull, exact) / w, 4),
    distortion: round(meanDistortion(fast), 3), distortion_exact: round(meanDistortion(exact), 3),
    ink_ratio: round(inkRatio(fast, straight), 3), ink_ratio_exact: round(inkRatio(exact, straight), 3),
    endpoints_fixed: endpointsFixed(fast, positions, net.edgeSource, net.edgeTarget) && endpointsFixed(fastFull, fastPositions, net.edgeSource, net.edgeTarget),
    all_finite: allFinite(fast) && allFinite(fastFull),
    class_separation_trend: round(separation(fast), 3), class_separation_trend_exact: round(separation(exact), 3),
    ...excursion(fast), outside_gap_share_exact: round(gapExcursion(exact).outsideShare, 3), outside_gap_max_exact: round(gapExcursion(exact).maxOutside, 3),
  }));
}

const speed = smoke ? ['100-81-49-36-10'] : SPEED_CASES;
const fidelity = smoke ? ['6-5-4'] : FIDELITY_CASES;
for (const name of speed) if (only === undefined || only === name) speedCase(name);
for (const name of fidelity) if (only === undefined || only === `fidelity-${name}`) fidelityCase(name);
