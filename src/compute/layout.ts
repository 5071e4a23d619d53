/**
 * Initial node layout, nn_vis `models/node.py` (reference/nn_vis.md §5.1): each layer a
 * row-major square grid in index order, centred on x = y = 0 as if full (so a layer with a
 * partial last row sits off-centre towards −y), layers stacked along +z and centred on z = 0.
 */
import type { NetworkArrays, ProcessingParams } from './types';

/** z of layer `l` of `layers`: −(L−1)·ld/2 + l·ld (nn_vis §5.1). */
export function layerZ(l: number, layers: number, layerDistance: number): number {
  return (-(layers - 1) * layerDistance) / 2 + l * layerDistance;
}

/**
 * Grid position of every node.
 *
 * @param params uses `layerWidth` (side of each layer's square) and `layerDistance` (z spacing)
 * @param out    optional buffer of at least N·3 floats to write into
 * @returns xyz per node (N·3 floats): `out` when given, else a new array owned by the caller
 */
export function gridLayout(net: NetworkArrays, params: Pick<ProcessingParams, 'layerWidth' | 'layerDistance'>, out?: Float32Array): Float32Array {
  const layers = net.layerSizes.length;
  const count = net.layerOffsets[layers]!;
  if (out !== undefined && out.length < count * 3) {
    throw new RangeError(`gridLayout: out holds ${out.length} floats, needs ${count * 3}`);
  }
  const positions = out ?? new Float32Array(count * 3);
  const width = params.layerWidth;
  for (let l = 0; l < layers; l++) {
    const n = net.layerSizes[l]!;
    const first = net.layerOffsets[l]!;
    const side = Math.ceil(Math.sqrt(n));
    const spacing = width / side;
    const centre = (side - 1) / 2;
    const z = layerZ(l, layers, params.layerDistance);
    for (let i = 0; i < n; i++) {
      const at = 3 * (first + i);
      positions[at] = ((i % side) - centre) * spacing;
      positions[at + 1] = (Math.floor(i / side) - centre) * spacing;
      positions[at + 2] = z;
    }
  }
  return positions;
}
