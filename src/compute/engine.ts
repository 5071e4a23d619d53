/**
 * The interface a bundling engine implements (node phase, then edge phase, one yield per level)
 * and the registry the pipeline looks engines up in. `straight` is built in; the KDE engines
 * (`exact`, `fast`, in compute/bundle/) are registered by the worker entry (compute.worker.ts).
 */
import type { Polylines } from './polylines';
import { STRAIGHT_ENGINE } from './straight-engine';
import type { EngineName, NetworkArrays, ProcessingParams } from './types';

/** What an engine reports after each level of a phase. */
export interface LevelInfo {
  /** Levels finished in this phase, 1 after the first. */
  readonly level: number;
  /** Total levels of this phase (from the bandwidth schedule). */
  readonly levels: number;
  /**
   * Edge phase: returns a fresh copy of the current polylines in `kept` order (costly; the
   * pipeline calls it only when a live picture is wanted). The node phase moves `positions` in
   * place instead and needs none.
   */
  readonly snapshot?: () => Polylines;
}

/**
 * A bundling engine. Both phases are generators that do one level of work per `next()`, so the
 * worker can report progress and honour cancellation between levels; neither may keep references
 * to its arguments after it returns. Engines may take extra optional arguments and report extra
 * fields per level (compute/bundle/engine-types.ts does both).
 */
export interface BundlingEngine {
  /** The name it is selected by (`ProcessingParams.engine`). */
  readonly name: EngineName;
  /**
   * Node phase (nn_vis §7.2): moves `positions` (N·3, owned by the pipeline) in place.
   *
   * @param kept edge ids that survived pruning, ascending
   */
  nodePhase(net: NetworkArrays, kept: Int32Array, positions: Float32Array, params: ProcessingParams): Generator<LevelInfo, void, void>;
  /**
   * Edge phase (nn_vis §7.3): bundles `polylines` (straight polylines between the final node
   * positions, one per kept edge, in `kept` order; read only).
   *
   * @returns the final polylines, one per kept edge in `kept` order, first and last points equal
   *   to the node positions; the arrays may be larger than used (the pipeline trims them)
   */
  edgePhase(
    net: NetworkArrays,
    kept: Int32Array,
    positions: Float32Array,
    polylines: Polylines,
    params: ProcessingParams,
  ): Generator<LevelInfo, Polylines, void>;
}

const ENGINES = new Map<EngineName, BundlingEngine>([[STRAIGHT_ENGINE.name, STRAIGHT_ENGINE]]);

/** Makes `engine` available under `engine.name`, replacing any engine registered under it. */
export function registerEngine(engine: BundlingEngine): void {
  ENGINES.set(engine.name, engine);
}

/**
 * The engine registered under `name`.
 *
 * @throws Error naming the engines that are available when `name` is not registered
 */
export function getEngine(name: EngineName): BundlingEngine {
  const engine = ENGINES.get(name);
  if (engine === undefined) {
    throw new Error(`bundling engine "${name}" is not available in this build (available: ${[...ENGINES.keys()].join(', ')})`);
  }
  return engine;
}
