import { getEngine, registerEngine, type BundlingEngine, type LevelInfo } from '../../src/compute/engine';
import { sampleLength } from '../../src/compute/geometry-constants';
import { gridLayout } from '../../src/compute/layout';
import { DEFAULT_PARAMS, InvalidParamsError } from '../../src/compute/params';
import { processNetwork } from '../../src/compute/pipeline';
import type { Polylines } from '../../src/compute/polylines';
import { pruneEdges } from '../../src/compute/prune';
import { STRAIGHT_ENGINE } from '../../src/compute/straight-engine';
import { straightEdges } from '../../src/compute/straight-edges';
import type { PipelineProgress, ProcessedGeometry, ProcessingParams } from '../../src/compute/types';
import { buildNetwork, randomSpec } from '../helpers/network-spec';

const net = buildNetwork(randomSpec([9, 4, 3], 3, 4));
const params: ProcessingParams = { ...DEFAULT_PARAMS, engine: 'straight', prunePercentage: 0.5 };

/** Runs the generator to its end, collecting the progress values. */
function run(gen: Generator<PipelineProgress, ProcessedGeometry, void>): { steps: PipelineProgress[]; result: ProcessedGeometry } {
  const steps: PipelineProgress[] = [];
  for (let s = gen.next(); ; s = gen.next()) {
    if (s.done === true) return { steps, result: s.value };
    steps.push(s.value);
  }
}

/** A fake engine: 3 node levels shifting x by 0.01, 2 edge levels, then a bundled result in an oversized buffer. */
const FAKE: BundlingEngine = {
  name: 'exact',
  *nodePhase(_net, _kept, positions): Generator<LevelInfo, void, void> {
    for (let level = 1; level <= 3; level++) {
      for (let i = 0; i < positions.length; i += 3) positions[i] = positions[i]! + 0.01;
      yield { level, levels: 3 };
    }
  },
  *edgePhase(_net, kept, _positions, polylines): Generator<LevelInfo, Polylines, void> {
    const marker = (): Polylines => ({ points: new Float32Array(kept.length * 6).fill(7), pointOffsets: Int32Array.from({ length: kept.length + 1 }, (_, k) => 2 * k) });
    yield { level: 1, levels: 2, snapshot: marker };
    yield { level: 2, levels: 2, snapshot: marker };
    const points = new Float32Array(polylines.points.length + 300);
    points.set(polylines.points);
    return { points: points.subarray(0, polylines.points.length + 30), pointOffsets: polylines.pointOffsets.slice() };
  },
};

test('straight engine: prune, layout, done; grid positions and straight edges of the kept edges', () => {
  const { steps, result } = run(processNetwork(net, params));
  expect(steps.map((s) => `${s.phase} ${s.level}/${s.levels}`)).toEqual(['prune 1/1', 'layout 1/1', 'done 1/1']);
  const kept = pruneEdges(net, 0.5);
  const positions = gridLayout(net, params);
  const lines = straightEdges(net, kept, positions, sampleLength(params));
  expect(result.keptEdges).toEqual(kept);
  expect(result.nodePositions).toEqual(positions);
  expect(result.pointOffsets).toEqual(lines.pointOffsets);
  expect(result.points).toEqual(lines.points);
});

test('the result arrays each own a distinct buffer, so the worker can transfer them', () => {
  const { result } = run(processNetwork(net, params, FAKE));
  const arrays = [result.nodePositions, result.keptEdges, result.pointOffsets, result.points];
  for (const a of arrays) expect(a.byteLength).toBe(a.buffer.byteLength);
  expect(new Set(arrays.map((a) => a.buffer)).size).toBe(4);
  // The engine's oversized buffer was trimmed to the used points.
  expect(result.points.length).toBe(result.pointOffsets[result.keptEdges.length]! * 3);
});

test('progress comes after every level of every phase, in order', () => {
  const { steps } = run(processNetwork(net, params, FAKE));
  expect(steps.map((s) => `${s.phase} ${s.level}/${s.levels}`)).toEqual([
    'prune 1/1',
    'layout 1/1',
    'nodes 1/3',
    'nodes 2/3',
    'nodes 3/3',
    'edges 1/2',
    'edges 2/2',
    'done 1/1',
  ]);
});

test('snapshots show the geometry as it stands at each step, as copies', () => {
  const gen = processNetwork(net, params, FAKE);
  const grid = gridLayout(net, params);
  const prune = gen.next().value as PipelineProgress;
  expect(prune.snapshot().nodePositions).toEqual(grid);
  gen.next(); // layout
  const nodes1 = gen.next().value as PipelineProgress;
  const during = nodes1.snapshot();
  expect(during.nodePositions[0]).toBeCloseTo(grid[0]! + 0.01, 6);
  // Edges follow the moving nodes: the first polyline starts at its (moved) source node.
  const source = 3 * net.edgeSource[during.keptEdges[0]!]!;
  expect(during.points[0]).toBe(during.nodePositions[source]);
  during.nodePositions[0] = 99;
  gen.next();
  gen.next();
  const edges1 = gen.next().value as PipelineProgress;
  expect(edges1.phase).toBe('edges');
  expect(edges1.snapshot().points.every((v) => v === 7)).toBe(true);
  gen.next();
  gen.next();
  const end = gen.next();
  expect(end.done).toBe(true);
  expect((end.value as ProcessedGeometry).nodePositions[0]).not.toBe(99);
});

test('an engine returning the wrong number of polylines is an error, not a garbled picture', () => {
  const broken: BundlingEngine = {
    ...FAKE,
    *edgePhase() {
      return { points: new Float32Array(0), pointOffsets: Int32Array.of(0) };
    },
  };
  expect(() => run(processNetwork(net, params, broken))).toThrow(/engine "exact" returned 0 polylines for \d+ kept edges/);
});

test('invalid parameters fail on the first step with the parameter named', () => {
  expect(() => processNetwork(net, { ...params, samplingRate: 0 }).next()).toThrow(InvalidParamsError);
});

test('the registry has the straight engine built in, names what is available, and takes new engines', () => {
  expect(getEngine('straight')).toBe(STRAIGHT_ENGINE);
  expect(() => getEngine('fast')).toThrow('bundling engine "fast" is not available in this build (available: straight)');
  registerEngine(FAKE);
  expect(getEngine('exact')).toBe(FAKE);
  const { steps } = run(processNetwork(net, { ...params, engine: 'exact' }));
  expect(steps.filter((s) => s.phase === 'nodes').length).toBe(3);
});
