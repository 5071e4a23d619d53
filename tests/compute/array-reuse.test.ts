import { ArrayReuse } from '../../src/compute/array-reuse';
import { PolylineBuffer } from '../../src/compute/bundle/polyline-buffer';

describe('ArrayReuse', () => {
  test('a smaller or equal request under the same name is a view of the same memory', () => {
    const reuse = new ArrayReuse();
    const a = reuse.float32('x', 100);
    a.fill(7);
    const b = reuse.float32('x', 40);
    expect(b.length).toBe(40);
    expect(b.buffer).toBe(a.buffer);
    expect(reuse.float32('y', 40).buffer).not.toBe(a.buffer);
    expect(reuse.int32('x', 10).length).toBe(10);
  });

  test('a larger request grows, keeping the first `keep` values', () => {
    const reuse = new ArrayReuse();
    const a = reuse.float32('x', 10);
    a.set([1, 2, 3]);
    const b = reuse.float32('x', 1000, 3);
    expect(b.buffer).not.toBe(a.buffer);
    expect(Array.from(b.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(reuse.float32('x', 500).buffer).toBe(b.buffer);
  });
});

describe('PolylineBuffer on reused arrays', () => {
  test('a second buffer under the same name takes over the first one\'s memory, and growth stays in the kept array', () => {
    const reuse = new ArrayReuse();
    const first = new PolylineBuffer(4, 10, { arrays: reuse, name: 'lines' });
    first.points.set([1, 2, 3, 4, 5, 6]);
    first.reserve(100, 2);
    expect(Array.from(first.points.subarray(0, 6))).toEqual([1, 2, 3, 4, 5, 6]);
    const second = new PolylineBuffer(3, 50, { arrays: reuse, name: 'lines' });
    expect(second.points.buffer).toBe(first.points.buffer);
    expect(second.count).toBe(3);
  });
});
