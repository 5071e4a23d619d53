/**
 * The sparse gradient of the `fast` engine's fine edge levels (docs/deviations.md F15): only the odd
 * interior points of an edge read the density gradient; each even one then moves by the mean of its
 * neighbours' moves. Eight smoothing passes follow on those levels, so the picture keeps nn_vis's
 * statistics while the gradient, a third of a level's cost, runs on half the points.
 */

/** Whether a level whose points are `spacing` apart uses the sparse gradient: the fine levels, at nn_vis's own spacing. */
export function sparseGradient(spacing: number, sampleLength: number): boolean {
  return spacing <= sampleLength;
}

/**
 * The second half of a sparse step (the WASM `gradient` with `half` does the same operations): each
 * even interior point of the polyline at point `first` (n points, xyz in `points`) moves by the mean
 * of its neighbours' moves since `before` (the polyline's n points before the step, from index 0), if
 * its z is in [zLow, zHigh) (nn_vis's slice range). An endpoint's move is zero: endpoints stay.
 */
export function moveByNeighbours(points: Float32Array, first: number, n: number, before: Float32Array, zLow: number, zHigh: number): void {
  for (let j = 2; j + 1 < n; j += 2) {
    const o = (first + j) * 3, b = j * 3;
    if (!(points[o + 2]! >= zLow && points[o + 2]! < zHigh)) continue;
    for (let d = 0; d < 3; d++) {
      const moved = (points[o - 3 + d]! - before[b - 3 + d]!) + (points[o + 3 + d]! - before[b + 3 + d]!);
      points[o + d] = points[o + d]! + 0.5 * moved;
    }
  }
}
