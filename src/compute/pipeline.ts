/**
 * The processing pipeline: prune → layout → engine node phase → straight edges → engine edge
 * phase, as a generator that yields progress after every step and level (so a worker can stream
 * live pictures and stop between levels) and returns the final geometry.
 */
import { getEngine, type BundlingEngine } from './engine';
import { sampleLength } from './geometry-constants';
import { gridLayout } from './layout';
import { validateParams } from './params';
import { copyPolylines, type Polylines } from './polylines';
import { pruneEdges } from './prune';
import { straightEdges } from './straight-edges';
import type { NetworkArrays, PipelineProgress, ProcessedGeometry, ProcessingParams } from './types';

/** True when `a` is the only view of its whole buffer (so transferring it moves nothing else). */
function ownsBuffer(a: Float32Array | Int32Array): boolean {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
}

/** `p` itself when its arrays are exact and own their buffers, else an exact copy. */
function compact(p: Polylines): Polylines {
  const used = p.pointOffsets[p.pointOffsets.length - 1]! * 3;
  const exact = p.points.length === used && ownsBuffer(p.points) && ownsBuffer(p.pointOffsets);
  return exact ? p : copyPolylines(p);
}

/**
 * Processes a network. Each progress value carries a `snapshot()` that copies the geometry as it
 * stands (grid positions and straight edges until the engine has moved them; during the edge
 * phase, the engine's own snapshot of its polylines); the pipeline yields
 * `prune`, `layout`, one `nodes` per node level, one `edges` per edge level, then `done`.
 *
 * @param params validated again here (see `validateParams`)
 * @param engine the engine to use; defaults to the one registered under `params.engine`
 * @returns the final geometry: new arrays owned by the caller, each the sole view of its buffer
 *   (safe to transfer)
 */
export function* processNetwork(
  net: NetworkArrays,
  params: ProcessingParams,
  engine?: BundlingEngine,
): Generator<PipelineProgress, ProcessedGeometry, void> {
  const p = validateParams(params);
  const bundler = engine ?? getEngine(p.engine);
  const sampleLen = sampleLength(p);
  const kept = pruneEdges(net, p.prunePercentage);
  let positions: Float32Array | null = null;
  let polylines: Polylines | null = null;
  let edgeSnapshot: (() => Polylines) | null = null;
  const snapshot = (): ProcessedGeometry => {
    const nodePositions = positions === null ? gridLayout(net, p) : positions.slice();
    const lines =
      edgeSnapshot !== null ? compact(edgeSnapshot())
      : polylines !== null ? copyPolylines(polylines)
      : straightEdges(net, kept, nodePositions, sampleLen);
    return { nodePositions, keptEdges: kept.slice(), points: lines.points, pointOffsets: lines.pointOffsets };
  };
  yield { phase: 'prune', level: 1, levels: 1, snapshot };

  positions = gridLayout(net, p);
  yield { phase: 'layout', level: 1, levels: 1, snapshot };

  for (const info of bundler.nodePhase(net, kept, positions, p)) {
    yield { phase: 'nodes', level: info.level, levels: info.levels, snapshot };
  }

  polylines = straightEdges(net, kept, positions, sampleLen);
  const edgeLevels = bundler.edgePhase(net, kept, positions, polylines, p);
  for (let step = edgeLevels.next(); ; step = edgeLevels.next()) {
    if (step.done === true) {
      if (step.value.pointOffsets.length !== kept.length + 1) {
        throw new Error(`engine "${bundler.name}" returned ${step.value.pointOffsets.length - 1} polylines for ${kept.length} kept edges`);
      }
      polylines = compact(step.value);
      edgeSnapshot = null;
      break;
    }
    edgeSnapshot = step.value.snapshot ?? null;
    // The engine holds its own copy now; the straight lines were only the snapshot's fallback.
    if (edgeSnapshot !== null) polylines = null;
    yield { phase: 'edges', level: step.value.level, levels: step.value.levels, snapshot };
  }

  const result: ProcessedGeometry = { nodePositions: positions, keptEdges: kept, points: polylines.points, pointOffsets: polylines.pointOffsets };
  yield { phase: 'done', level: 1, levels: 1, snapshot };
  return result;
}
