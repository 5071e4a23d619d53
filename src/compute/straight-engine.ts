/**
 * The `straight` engine: no bundling. Nodes keep their grid layout and edges stay straight
 * (nn_vis after "Load Network" of an `.imp.npz`, before any action). Both phases have 0 levels.
 */
import type { BundlingEngine } from './engine';

/** Engine `straight`: both phases return at once. */
export const STRAIGHT_ENGINE: BundlingEngine = {
  name: 'straight',
  // Generators without a yield: zero levels, nothing moves.
  *nodePhase() {},
  *edgePhase(_net, _kept, _positions, polylines) {
    return polylines;
  },
};
