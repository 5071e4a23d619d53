import { exactEngine } from '../../../src/compute/bundle/exact-engine';
import { allFinite, endpointsFixed, meanDistortion } from '../../../src/compute/bundle/quality';
import { gridLayout } from '../../../src/compute/layout';
import { validateParams } from '../../../src/compute/params';
import { randomNetwork } from '../../../src/compute/random-network';
import { allEdges, runEngine } from './run-engine';
import type { EngineRun } from './run-engine';

const net = randomNetwork([6, 5, 4], 7);
const params = validateParams({ engine: 'exact' });
let run: EngineRun;

beforeAll(() => {
  run = runEngine(exactEngine, net, params);
});

describe('exact engine (nn_vis on the CPU), 6-5-4 network with 4 classes', () => {
  it('reports 56 node levels and 23 edge levels with nn_vis bandwidths', () => {
    expect(run.nodeLevels.map((l) => l.level)).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
    expect(run.nodeLevels.every((l) => l.levels === 56 && l.phase === 'nodes')).toBe(true);
    expect(run.edgeLevels).toHaveLength(23);
    expect(run.edgeLevels[0]!.bandwidth).toBe(0.5);
    expect(run.edgeLevels[22]!.similarity).toBeCloseTo(0.99, 2);
  });

  it('moves nodes in x/y only, inside nn_vis grid, and clusters them (they do move)', () => {
    const start = gridLayout(net, params);
    let moved = 0;
    for (let i = 0; i < start.length; i += 3) {
      expect(run.positions[i + 2]).toBe(start[i + 2]);
      expect(Math.abs(run.positions[i]!)).toBeLessThan(1.5);
      moved += Math.hypot(run.positions[i]! - start[i]!, run.positions[i + 1]! - start[i + 1]!);
    }
    expect(moved / (start.length / 3)).toBeGreaterThan(0.05);
  });

  it('bundles: polylines bend away from straight, stay finite, start and end on their nodes bit for bit', () => {
    expect(allFinite(run.lines)).toBe(true);
    const kept = allEdges(net);
    expect(endpointsFixed(run.lines, run.positions, net.edgeSource.subarray(0), net.edgeTarget.subarray(0))).toBe(true);
    expect(run.lines.pointOffsets).toHaveLength(kept.length + 1);
    expect(meanDistortion(run.lines)).toBeGreaterThan(1.01);
    expect(meanDistortion(run.lines)).toBeLessThan(1.3);
  });

  it('gives the same bytes for the same input', () => {
    const again = runEngine(exactEngine, net, params, run.positions);
    expect(Buffer.from(again.lines.points.buffer).equals(Buffer.from(run.lines.points.buffer))).toBe(true);
  });

  it('stops when the caller stops iterating (cancellation between levels)', () => {
    const positions = gridLayout(net, params);
    const phase = exactEngine.nodePhase(net, allEdges(net), positions, params);
    phase.next();
    const afterOne = positions.slice();
    phase.return();
    expect(phase.next().done).toBe(true);
    expect(positions).toEqual(afterOne);
  });
});
