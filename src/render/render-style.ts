/**
 * Everything the picture depends on besides the network, geometry and camera: the widget's
 * rendering traits (nn_vis rendering.json, reference/nn_vis.md §2.2) as one typed object, with
 * nn_vis's code defaults.
 */
import type { ColorModeName } from './color-modes';
import type { BackgroundName } from './theme';

/** nn_vis node modes (`node_render_mode`), lower case; nn_vis's debug mode Point is not offered. */
export type NodeRenderMode = 'none' | 'sphere' | 'sphere_transparent';
/** nn_vis edge modes (`edge_render_mode`), lower case; nn_vis's debug mode Point is not offered. */
export type EdgeRenderMode = 'none' | 'sphere' | 'sphere_transparent' | 'ellipsoid_transparent' | 'line';

/** Every node mode, in nn_vis's order. */
export const NODE_RENDER_MODES: readonly NodeRenderMode[] = ['none', 'sphere', 'sphere_transparent'];
/** Every edge mode, in nn_vis's order. */
export const EDGE_RENDER_MODES: readonly EdgeRenderMode[] = ['none', 'sphere', 'sphere_transparent', 'ellipsoid_transparent', 'line'];

/** The shader parameters of one layer (nodes or edges), nn_vis §8.4. */
export interface LayerOpacity {
  /** Alpha floor bo. */
  readonly baseOpacity: number;
  /** io: blends alpha between constant (0) and the importance term (1). */
  readonly importanceOpacity: number;
  /** do: blends alpha between constant (0) and rel_depth (1). */
  readonly depthOpacity: number;
  /** Exponent on the normalised chord ("density"). */
  readonly opacityExponent: number;
}

/** The rendering parameters of one view. */
export interface RenderStyle {
  /** Independent, All or Class k (nn_vis §8.5). */
  readonly colorMode: ColorModeName;
  /** k of Class k; must be a class of the network when `colorMode` is `class`. */
  readonly showClass: number;
  /** Light (nn_vis's white, MIN blending) or dark (mirrored: MAX blending). */
  readonly background: BackgroundName;
  readonly nodeRenderMode: NodeRenderMode;
  readonly edgeRenderMode: EdgeRenderMode;
  /** Node sphere radius per unit of ‖importance‖, world units (nn_vis 0.04). */
  readonly nodeObjectRadius: number;
  /** Edge radius per unit of imp, world units (nn_vis 0.02). */
  readonly edgeObjectRadius: number;
  /** Nodes with ‖i‖ ≤ this are hidden (nn_vis 0.01). */
  readonly nodeImportanceThreshold: number;
  /** Edges with α·mean(source importance) ≤ this are hidden (nn_vis code 0.01). */
  readonly edgeImportanceThreshold: number;
  readonly nodeOpacity: LayerOpacity;
  readonly edgeOpacity: LayerOpacity;
}

/** nn_vis's node shader defaults (`rendering_config.py`). */
export const NN_VIS_NODE_OPACITY: LayerOpacity = { baseOpacity: 0, importanceOpacity: 1.0, depthOpacity: 0.5, opacityExponent: 0.5 };
/** nn_vis's edge shader defaults (`rendering_config.py`). */
export const NN_VIS_EDGE_OPACITY: LayerOpacity = { baseOpacity: 0, importanceOpacity: 1.1, depthOpacity: 0.5, opacityExponent: 0.25 };

/** nn_vis's defaults for every parameter (its GUI opens with edge mode 3 and node mode 2). */
export const DEFAULT_RENDER_STYLE: RenderStyle = {
  colorMode: 'all',
  showClass: 0,
  background: 'light',
  nodeRenderMode: 'sphere_transparent',
  edgeRenderMode: 'ellipsoid_transparent',
  nodeObjectRadius: 0.04,
  edgeObjectRadius: 0.02,
  nodeImportanceThreshold: 0.01,
  edgeImportanceThreshold: 0.01,
  nodeOpacity: NN_VIS_NODE_OPACITY,
  edgeOpacity: NN_VIS_EDGE_OPACITY,
};
