/**
 * The typed-array shapes every compute step reads and writes. Produced by `data/decode-network.ts`
 * from the kernel's Arrow bytes; consumed by the worker pipeline and by the renderer. No three.js,
 * no DOM: this module runs unchanged in Node tests, in workers and on the main thread.
 */

/** A decoded network. Node ids are global: layer `l` holds ids `layerOffsets[l] .. layerOffsets[l+1]-1`. */
export interface NetworkArrays {
  /** Network name from the schema metadata (may be empty). */
  readonly name: string;
  /** Nodes per layer, input layer first. Length L ≥ 2. */
  readonly layerSizes: Int32Array;
  /** Layer names, length L (outside text: escape before it reaches HTML). */
  readonly layerNames: readonly string[];
  /** Prefix sums of `layerSizes`, length L+1; `layerOffsets[L]` is the node count N. */
  readonly layerOffsets: Int32Array;
  /** Number of classes C ≥ 1. */
  readonly numClasses: number;
  /** Class names, length C (outside text: escape before it reaches HTML). */
  readonly classNames: readonly string[];
  /** Per-node class importance, row-major [node][class], N·C floats, all finite and ≥ 0. */
  readonly nodeImportance: Float32Array;
  /** Optional per-node labels (null where absent), length N. */
  readonly nodeLabels: readonly (string | null)[];
  /** Per edge: index of the source layer (the layer gap), length E. */
  readonly edgeGap: Int32Array;
  /** Per edge: global id of the source node. */
  readonly edgeSource: Int32Array;
  /** Per edge: global id of the target node (in layer `edgeGap + 1`). */
  readonly edgeTarget: Int32Array;
  /** Per edge: the raw signed weight. */
  readonly edgeWeight: Float32Array;
  /** Per edge: importance α in [0, 1] (nn_vis: normalised |w|). */
  readonly edgeAlpha: Float32Array;
}

/** Bundling engines. `straight` skips both phases (grid layout, straight edges). */
export type EngineName = 'fast' | 'exact' | 'straight';

/**
 * nn_vis's `processing.json`, parameter for parameter (reference/nn_vis.md §2.1), plus the engine
 * and the seed. Units are world units; the layer square is `layerWidth` wide.
 */
export interface ProcessingParams {
  /** z spacing between consecutive layers (nn_vis code default 0.4). */
  readonly layerDistance: number;
  /** Edge length of each layer's square node grid (1.0). */
  readonly layerWidth: number;
  /** Samples per unit length: sample_length = layerWidth / samplingRate (15). */
  readonly samplingRate: number;
  /** Fraction of edges dropped, lowest score first, in [0, 1] (0). */
  readonly prunePercentage: number;
  /** Node bandwidth multiplier per level, in (0, 1) (0.95). */
  readonly nodeBandwidthReduction: number;
  /** Edge bandwidth multiplier per level, in (0, 1) (0.9). */
  readonly edgeBandwidthReduction: number;
  /** How an edge sample gets its class vector: 0 interpolate, 1 start, 2 sum, 3 end (0). */
  readonly edgeImportanceType: 0 | 1 | 2 | 3;
  /** Laplacian smoothing after every edge level (true). */
  readonly smoothing: boolean;
  /** Smoothing passes per edge level (8). */
  readonly smoothingIterations: number;
  /** Which engine bundles ('fast'). */
  readonly engine: EngineName;
  /** Seed for everything random (noise actions, tie breaking). */
  readonly seed: number;
}

/** Result of processing: node positions and one polyline per kept edge, flat (no padded slots). */
export interface ProcessedGeometry {
  /** N·3 floats, xyz per node. */
  readonly nodePositions: Float32Array;
  /** Ids (into `NetworkArrays` edges) of the edges that survived pruning, ascending. */
  readonly keptEdges: Int32Array;
  /** Length keptEdges.length + 1; polyline k is points[pointOffsets[k] .. pointOffsets[k+1]). */
  readonly pointOffsets: Int32Array;
  /** P·3 floats, xyz per polyline point; first and last point of a polyline are its nodes. */
  readonly points: Float32Array;
}

/** Phases the pipeline reports progress for, in order. */
export type Phase = 'prune' | 'layout' | 'nodes' | 'edges' | 'done';

/** One progress step of the pipeline; yielded after every level. */
export interface PipelineProgress {
  readonly phase: Phase;
  /** Levels finished in this phase. */
  readonly level: number;
  /** Total levels of this phase (known in advance from the bandwidth schedule). */
  readonly levels: number;
  /** Copies the current geometry (costly: call it only when a live picture is wanted). */
  readonly snapshot: () => ProcessedGeometry;
}
