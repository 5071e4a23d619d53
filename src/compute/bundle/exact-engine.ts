/**
 * The `exact` engine: nn_vis's pipeline parameter for parameter on the CPU, the reference for small
 * networks and tests (seconds for a few hundred edges; docs/deviations.md lists what differs from
 * the GPU original).
 */
import type { Polylines } from '../polylines';
import type { NetworkArrays, ProcessingParams } from '../types';
import type { BundleLevelInfo, BundleOptions, KdeEngine } from './engine-types';
import { checkedParams } from './checked-params';
import { exactEdgePhase } from './exact-edge-phase';
import { exactNodePhase } from './exact-node-phase';

/** nn_vis's pipeline, faithfully and slowly. Stateless; safe to share. */
export const exactEngine: KdeEngine = {
  name: 'exact',
  nodePhase(net: NetworkArrays, _kept: Int32Array, positions: Float32Array, params: ProcessingParams, options?: BundleOptions): Generator<BundleLevelInfo, void, void> {
    return exactNodePhase(net, positions, checkedParams(params), options?.direction ?? 1);
  },
  edgePhase(
    net: NetworkArrays, kept: Int32Array, positions: Float32Array, polylines: Polylines, params: ProcessingParams, options?: BundleOptions,
  ): Generator<BundleLevelInfo, Polylines, void> {
    return exactEdgePhase(net, kept, positions, polylines, checkedParams(params), options?.direction ?? 1);
  },
};
