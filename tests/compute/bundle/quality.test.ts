import { gapExcursion } from '../../../src/compute/bundle/quality';
import type { Polylines } from '../../../src/compute/polylines';

function lines(polylines: number[][][]): Polylines {
  const points = Float32Array.from(polylines.flat(2));
  const pointOffsets = new Int32Array(polylines.length + 1);
  polylines.forEach((l, i) => { pointOffsets[i + 1] = pointOffsets[i]! + l.length; });
  return { points, pointOffsets };
}

describe('gapExcursion', () => {
  it('counts interior samples outside the z interval of their own end points, and the largest distance', () => {
    const set = lines([
      // z from 0 to 0.4; interior 0.2 (in), -0.25 (out by 0.25), 0.5 (out by 0.1)
      [[0, 0, 0], [0, 0, 0.2], [0, 0, -0.25], [0, 0, 0.5], [0, 0, 0.4]],
      // reversed direction, all inside
      [[1, 0, 0.4], [1, 0, 0.3], [1, 0, 0.1], [1, 0, 0]],
    ]);
    const { outsideShare, maxOutside } = gapExcursion(set);
    expect(outsideShare).toBeCloseTo(2 / 5, 12);
    expect(maxOutside).toBeCloseTo(0.25, 6);
  });

  it('ignores end points and polylines without interior samples', () => {
    expect(gapExcursion(lines([[[0, 0, 0], [0, 0, 9]], [[0, 0, 0], [5, 5, 0.2], [0, 0, 0.4]]]))).toEqual({ outsideShare: 0, maxOutside: 0 });
  });
});
