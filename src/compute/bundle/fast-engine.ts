/**
 * The `fast` engine (the default): nn_vis's dynamics on cheap, bandwidth-adaptive grids
 * (nearest-voxel splat + binomial blur, cropped to the data), smoothing and resampling fused per edge.
 * Every deviation from nn_vis and its measured effect is in docs/deviations.md.
 */
import type { Polylines } from '../polylines';
import type { NetworkArrays, ProcessingParams } from '../types';
import type { BundleLevelInfo, BundleOptions, KdeEngine } from './engine-types';
import { checkedParams } from './checked-params';
import { fastEdgePhase } from './fast-edge-phase';
import { fastNodePhase } from './fast-node-phase';

/** The fast engine. Stateless; safe to share. */
export const fastEngine: KdeEngine = {
  name: 'fast',
  nodePhase(net: NetworkArrays, _kept: Int32Array, positions: Float32Array, params: ProcessingParams, options?: BundleOptions): Generator<BundleLevelInfo, void, void> {
    return fastNodePhase(net, positions, checkedParams(params), options?.direction ?? 1);
  },
  edgePhase(
    net: NetworkArrays, kept: Int32Array, positions: Float32Array, polylines: Polylines, params: ProcessingParams, options?: BundleOptions,
  ): Generator<BundleLevelInfo, Polylines, void> {
    return fastEdgePhase(net, kept, positions, polylines, checkedParams(params), options?.direction ?? 1);
  },
};
