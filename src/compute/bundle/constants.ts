/**
 * nn_vis's hard-coded processing constants (reference/nn_vis.md §2.4), named once so that both
 * engines and the tests read the same numbers.
 */

/** Initial node bandwidth as a fraction of `layerWidth` (nn_vis models/network.py `average_node_distance`). */
export const INITIAL_NODE_BANDWIDTH_FACTOR = 0.75;

/** Initial edge bandwidth as a fraction of `layerWidth` (nn_vis models/network.py `average_edge_distance`). */
export const INITIAL_EDGE_BANDWIDTH_FACTOR = 0.5;

/** Grid cells per sample length: cell = sample_length / 3 (nn_vis processing/network_processing.py). */
export const CELLS_PER_SAMPLE_LENGTH = 3;

/** Both phases stop once the bandwidth falls below this many cells (limit = 2·cell). */
export const STOP_LIMIT_CELLS = 2;

/** World units added on each side of the layer box in x, y and z (nn_vis models/grid.py `extend_by`). */
export const GRID_PADDING = 1.0;

/** Kernel values are scaled by this before the integer deposit (nn_vis `GridProcessor(..., 10000.0)`). */
export const DENSITY_STRENGTH = 10000;

/** Half-length of a cell's integration interval in cells, (1+√3)/2 (nn_vis *_density_map.comp `cell_scale`). */
export const CELL_SCALE = 1.36602540378;

/** Node step as a fraction of the bandwidth (nn_vis node_advect.comp). */
export const NODE_STEP_FACTOR = 0.2;

/** Nodes are clamped this many cells (plus the step) inside the grid (nn_vis node_advect.comp). */
export const NODE_CLAMP_CELLS = 2;

/** Smoothing window in percent of an edge's sample count (nn_vis sample_smooth.comp `smoothing_radius`). */
export const SMOOTHING_RADIUS_PERCENT = 8;





/** Levels per phase we accept before calling the parameters unreasonable (nn_vis defaults: 56 and 23). */
export const MAX_LEVELS = 1000;
