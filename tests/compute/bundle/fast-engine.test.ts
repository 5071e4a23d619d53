import { exactEngine } from '../../../src/compute/bundle/exact-engine';
import { fastEngine } from '../../../src/compute/bundle/fast-engine';
import { allFinite, endpointsFixed, inkRatio, meanDistortion, meanPointDistance } from '../../../src/compute/bundle/quality';
import { gridLayout } from '../../../src/compute/layout';
import { validateParams } from '../../../src/compute/params';
import { randomNetwork } from '../../../src/compute/random-network';
import { allEdges, runEdges, runEngine } from './run-engine';
import type { EngineRun } from './run-engine';

const params = validateParams({ engine: 'fast' });
const net = randomNetwork([16, 12, 8, 4], 3);
let run: EngineRun;

beforeAll(() => {
  run = runEngine(fastEngine, net, params);
});

describe('fast engine on a 16-12-8-4 network', () => {
  it('runs nn_vis levels (56 node, 23 edge) and offers a live snapshot after each edge level', () => {
    expect(run.nodeLevels).toHaveLength(56);
    expect(run.edgeLevels).toHaveLength(23);
    const phase = fastEngine.edgePhase(net, run.kept, run.positions, run.straight, params);
    const first = phase.next();
    if (first.done === true) throw new Error('no level');
    const live = first.value.snapshot!();
    expect(live.pointOffsets).toHaveLength(net.edgeGap.length + 1);
    expect(allFinite(live)).toBe(true);
    expect(meanDistortion(live)).toBeGreaterThan(1.01); // level 1 already bends the edges
  });

  it('keeps end points on their nodes bit for bit, every point finite, distortion ≤ 1.3', () => {
    expect(allFinite(run.lines)).toBe(true);
    expect(endpointsFixed(run.lines, run.positions, net.edgeSource, net.edgeTarget)).toBe(true);
    const d = meanDistortion(run.lines);
    expect(d).toBeGreaterThan(1.01);
    expect(d).toBeLessThanOrEqual(1.3);
  });

  it('gives the same bytes for the same input', () => {
    const again = runEngine(fastEngine, net, params);
    expect(Buffer.from(again.positions.buffer).equals(Buffer.from(run.positions.buffer))).toBe(true);
    expect(Buffer.from(again.lines.points.buffer).equals(Buffer.from(run.lines.points.buffer))).toBe(true);
  });

  it('spreads the nodes with Diverge (direction −1) and gathers them with Advect', () => {
    const rms = (p: Float32Array): number => {
      let sum = 0;
      for (let i = 0; i < p.length; i += 3) sum += p[i]! ** 2 + p[i + 1]! ** 2;
      return Math.sqrt(sum / (p.length / 3));
    };
    const diverged = gridLayout(net, params);
    for (const _ of fastEngine.nodePhase(net, allEdges(net), diverged, params, { direction: -1 })) { /* to the end */ }
    expect(rms(diverged)).toBeGreaterThan(rms(gridLayout(net, params)));
    expect(rms(diverged)).toBeGreaterThan(2 * rms(run.positions));
  });

  it('stops moving nodes once the caller stops iterating', () => {
    const positions = gridLayout(net, params);
    const phase = fastEngine.nodePhase(net, allEdges(net), positions, params);
    for (let i = 0; i < 3; i++) phase.next();
    const after = positions.slice();
    phase.return();
    expect(phase.next().done).toBe(true);
    expect(positions).toEqual(after);
  });
});

describe('fast against exact (same node positions, nn_vis defaults)', () => {
  const small = randomNetwork([8, 6, 4, 3], 1);
  const positions = gridLayout(small, params);
  let exact: ReturnType<typeof runEdges>, fast: ReturnType<typeof runEdges>;
  beforeAll(() => {
    for (const _ of exactEngine.nodePhase(small, allEdges(small), positions, params)) { /* to the end */ }
    exact = runEdges(exactEngine, small, positions, params);
    fast = runEdges(fastEngine, small, positions, params);
  });

  it('lands within 5 % of layer_width of the exact polylines (mean point distance)', () => {
    expect(meanPointDistance(fast.lines, exact.lines) / params.layerWidth).toBeLessThanOrEqual(0.05);
  });

  it('bundles about as much as exact: far closer to it than a single weak level is, ink no worse', () => {
    const weak = runEdges(exactEngine, small, positions, validateParams({ edgeBandwidthReduction: 0.01 }));
    expect(meanPointDistance(fast.lines, exact.lines)).toBeLessThan(meanPointDistance(weak.lines, exact.lines) / 3);
    expect(inkRatio(fast.lines, fast.straight)).toBeLessThanOrEqual(inkRatio(exact.lines, exact.straight) * 1.1);
  });
});

describe('bad parameters', () => {
  const positions = gridLayout(net, params);
  const bad: [string, Record<string, unknown>][] = [
    ['layerWidth', { layerWidth: -1 }],
    ['layerDistance', { layerDistance: 0 }],
    ['samplingRate', { samplingRate: Number.NaN }],
    ['edgeBandwidthReduction', { edgeBandwidthReduction: 1.5 }],
    ['edgeImportanceType', { edgeImportanceType: 4 }],
    ['smoothingIterations', { smoothingIterations: -2 }],
    ['node_bandwidth_reduction', { nodeBandwidthReduction: 0.99999 }],
  ];
  it.each(bad)('rejects %s with a message naming it, before any work', (name, change) => {
    const p = { ...params, ...change } as typeof params;
    expect(() => fastEngine.nodePhase(net, allEdges(net), positions, p)).toThrow(name);
    expect(() => exactEngine.edgePhase(net, allEdges(net), positions, run.straight, p)).toThrow(name);
  });
});
