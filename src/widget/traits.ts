/**
 * The one table of widget traits: Python snake_case name ↔ TypeScript camelCase name, default,
 * and what a change costs (`processing` re-runs the worker pipeline, `rendering` only redraws).
 * python-shim/src/nnbundle/view.py declares the same traits; a jest test compares the two tables.
 */

/** What happens when a trait changes. */
export type TraitKind = 'processing' | 'rendering' | 'camera';

/** One row of the table. */
export interface TraitSpec {
  readonly python: string;
  readonly kind: TraitKind;
  readonly default: number | string | boolean;
}

/** Every synced parameter, keyed by its TypeScript name. Defaults are nn_vis's code defaults. */
export const TRAITS = {
  layerDistance: { python: 'layer_distance', kind: 'processing', default: 0.4 },
  layerWidth: { python: 'layer_width', kind: 'processing', default: 1.0 },
  samplingRate: { python: 'sampling_rate', kind: 'processing', default: 15.0 },
  prunePercentage: { python: 'prune_percentage', kind: 'processing', default: 0.0 },
  nodeBandwidthReduction: { python: 'node_bandwidth_reduction', kind: 'processing', default: 0.95 },
  edgeBandwidthReduction: { python: 'edge_bandwidth_reduction', kind: 'processing', default: 0.9 },
  edgeImportanceType: { python: 'edge_importance_type', kind: 'processing', default: 0 },
  smoothing: { python: 'smoothing', kind: 'processing', default: true },
  smoothingIterations: { python: 'smoothing_iterations', kind: 'processing', default: 8 },
  engine: { python: 'engine', kind: 'processing', default: 'fast' },
  seed: { python: 'seed', kind: 'processing', default: 0 },
  colorMode: { python: 'color_mode', kind: 'rendering', default: 'all' },
  showClass: { python: 'show_class', kind: 'rendering', default: 0 },
  nodeObjectRadius: { python: 'node_object_radius', kind: 'rendering', default: 0.04 },
  edgeObjectRadius: { python: 'edge_object_radius', kind: 'rendering', default: 0.02 },
  nodeImportanceThreshold: { python: 'node_importance_threshold', kind: 'rendering', default: 0.01 },
  edgeImportanceThreshold: { python: 'edge_importance_threshold', kind: 'rendering', default: 0.01 },
  nodeRenderMode: { python: 'node_render_mode', kind: 'rendering', default: 'sphere_transparent' },
  edgeRenderMode: { python: 'edge_render_mode', kind: 'rendering', default: 'ellipsoid_transparent' },
  nodeBaseOpacity: { python: 'node_base_opacity', kind: 'rendering', default: 0.0 },
  nodeImportanceOpacity: { python: 'node_importance_opacity', kind: 'rendering', default: 1.0 },
  nodeDepthOpacity: { python: 'node_depth_opacity', kind: 'rendering', default: 0.5 },
  nodeOpacityExponent: { python: 'node_opacity_exponent', kind: 'rendering', default: 0.5 },
  edgeBaseOpacity: { python: 'edge_base_opacity', kind: 'rendering', default: 0.0 },
  edgeImportanceOpacity: { python: 'edge_importance_opacity', kind: 'rendering', default: 1.1 },
  edgeDepthOpacity: { python: 'edge_depth_opacity', kind: 'rendering', default: 0.5 },
  edgeOpacityExponent: { python: 'edge_opacity_exponent', kind: 'rendering', default: 0.25 },
  background: { python: 'background', kind: 'rendering', default: 'light' },
  height: { python: 'height', kind: 'rendering', default: 480 },
  cameraPreset: { python: 'camera_preset', kind: 'camera', default: 'left' },
  autoRotate: { python: 'auto_rotate', kind: 'camera', default: false },
} as const satisfies Record<string, TraitSpec>;

/** A TypeScript trait name. */
export type TraitName = keyof typeof TRAITS;

/**
 * Traits that are not user parameters, by TypeScript name → Python name: the data coming in and
 * the view's state going out. python-shim declares the same names.
 * - `network` (kernel → front end): `{layers, nodes, edges}`, three Arrow IPC streams (docs/data-format.md).
 * - `camera` (both ways): `{position, target, up}`, three numbers each, or empty before the first move.
 * - `status` (front end → kernel): `'processing <phase> <level>/<levels>'`, `'error'`, `'ready'` or
 *   `'waiting for a network'`.
 * - `error` (front end → kernel): the message shown in the cell, `''` when all is well.
 * - `selection` (both ways): `{nodes: [global node ids], edges: [edge ids]}` (edge ids index the
 *   network's edges in data-format order), empty lists when nothing is selected.
 */
export const STATE_TRAITS = {
  network: '_network',
  camera: '_camera',
  status: 'status',
  error: 'error',
  selection: 'selection',
} as const;
