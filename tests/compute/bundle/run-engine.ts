/** Test helper: runs an engine's two phases on a network the way compute/pipeline.ts does. */
import type { BundleLevelInfo, KdeEngine } from '../../../src/compute/bundle/engine-types';
import { sampleLength } from '../../../src/compute/geometry-constants';
import { gridLayout } from '../../../src/compute/layout';
import type { Polylines } from '../../../src/compute/polylines';
import { straightEdges } from '../../../src/compute/straight-edges';
import type { NetworkArrays, ProcessingParams } from '../../../src/compute/types';

/** Everything a run produced. */
export interface EngineRun {
  readonly kept: Int32Array;
  readonly positions: Float32Array;
  readonly straight: Polylines;
  readonly lines: Polylines;
  readonly nodeLevels: BundleLevelInfo[];
  readonly edgeLevels: BundleLevelInfo[];
}

/** All edges kept. */
export function allEdges(net: NetworkArrays): Int32Array {
  return Int32Array.from({ length: net.edgeGap.length }, (_, i) => i);
}

/** Runs the edge phase to the end from given node positions. */
export function runEdges(engine: KdeEngine, net: NetworkArrays, positions: Float32Array, params: ProcessingParams, levels: BundleLevelInfo[] = []): { straight: Polylines; lines: Polylines } {
  const kept = allEdges(net);
  const straight = straightEdges(net, kept, positions, sampleLength(params));
  const phase = engine.edgePhase(net, kept, positions, straight, params);
  for (let step = phase.next(); ; step = phase.next()) {
    if (step.done === true) return { straight, lines: step.value };
    levels.push(step.value);
  }
}

/** Grid layout, node phase, straight edges, edge phase. */
export function runEngine(engine: KdeEngine, net: NetworkArrays, params: ProcessingParams, nodePositions?: Float32Array): EngineRun {
  const kept = allEdges(net);
  const positions = nodePositions?.slice() ?? gridLayout(net, params);
  const nodeLevels: BundleLevelInfo[] = [];
  if (nodePositions === undefined) for (const info of engine.nodePhase(net, kept, positions, params)) nodeLevels.push(info);
  const edgeLevels: BundleLevelInfo[] = [];
  const { straight, lines } = runEdges(engine, net, positions, params, edgeLevels);
  return { kept, positions, straight, lines, nodeLevels, edgeLevels };
}
