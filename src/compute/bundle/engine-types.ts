/**
 * What the KDE engines (`exact`, `fast`) add to compute/engine.ts's interface: an optional
 * Advect/Diverge direction and per-level bandwidth details. Phases are generators that yield after
 * every bandwidth level; the caller cancels by no longer iterating.
 */
import type { BundlingEngine, LevelInfo } from '../engine';
import type { Polylines } from '../polylines';
import type { NetworkArrays, ProcessingParams } from '../types';

/** Advect (+1, nn_vis's default) or Diverge (−1): the sign of every step. */
export type AdvectionDirection = 1 | -1;

/** Optional engine settings beyond `ProcessingParams`. */
export interface BundleOptions {
  /** +1 Advect (default) or −1 Diverge (nn_vis GUI actions). */
  readonly direction?: AdvectionDirection;
}

/** What a KDE phase yields after each level (`snapshot` is set in the edge phase). */
export interface BundleLevelInfo extends LevelInfo {
  /** 'nodes' or 'edges'. */
  readonly phase: 'nodes' | 'edges';
  /** Bandwidth the finished level ran with, world units. */
  readonly bandwidth: number;
  /** Class-similarity threshold s_k the finished level ran with. */
  readonly similarity: number;
}

/** A KDE bundling engine: compute/engine.ts's `BundlingEngine` plus options. */
export interface KdeEngine extends BundlingEngine {
  readonly name: 'exact' | 'fast';
  /**
   * Node phase: moves node x/y in `positions` (N·3 float32, owned by the caller, updated in place
   * after every level); z never changes. All nodes take part (nn_vis never prunes nodes).
   */
  nodePhase(net: NetworkArrays, kept: Int32Array, positions: Float32Array, params: ProcessingParams, options?: BundleOptions): Generator<BundleLevelInfo, void, void>;
  /**
   * Edge phase: bundles `polylines` (one per kept edge, from source to target node; read only) and
   * returns fresh, trimmed polylines after nn_vis's final resample.
   */
  edgePhase(
    net: NetworkArrays, kept: Int32Array, positions: Float32Array, polylines: Polylines, params: ProcessingParams, options?: BundleOptions,
  ): Generator<BundleLevelInfo, Polylines, void>;
}
