/**
 * How the `fast` engine lays out one voxel of its density grids: the C class densities, then ‖D‖ in
 * lane C (written by `computeNorms`), then zeros up to a whole number of f32x4 vectors. The WASM
 * kernels read a voxel as whole vectors, and the gradient's f = v·D − s·‖D‖ becomes one dot product
 * with the sample's class vector extended by −s in lane C.
 */

/** Floats per voxel for C classes: the C densities and ‖D‖, rounded up to a multiple of 4. */
export function voxelStride(channels: number): number {
  return 4 * Math.ceil((channels + 1) / 4);
}
