import { FRAME_BUDGET_MS, FrameCost, MIN_MOVING_SCALE, ProgressiveFrame } from '../../src/render/progressive-frame';
import type { SharedRenderer } from '../../src/render/shared-renderer';

const fakeShared = { createTarget: (width: number, height: number) => ({ width, height, dispose: () => undefined }) } as unknown as SharedRenderer;

describe('frame cost model', () => {
  test('slices are sized to the frame budget from the measured cost per segment', () => {
    const cost = new FrameCost();
    for (let i = 0; i < 20; i++) cost.record(10_000, 200); // 0.02 ms per segment
    expect(cost.estimate(72_000)).toBeCloseTo(1440, 0);
    expect(Math.abs(cost.segmentsPerFrame() - FRAME_BUDGET_MS / 0.02)).toBeLessThanOrEqual(1);
    cost.record(0, 50);
    cost.record(100, Number.NaN);
    expect(cost.estimate(1000)).toBeCloseTo(20, 3);
  });

  test('moving frames scale their resolution towards the budget, never below the minimum', () => {
    const cost = new FrameCost();
    expect(cost.movingScale).toBe(1);
    for (let i = 0; i < 30; i++) cost.recordMoving(FRAME_BUDGET_MS * 4 * cost.movingScale ** 2);
    expect(cost.movingScale).toBeCloseTo(0.5, 2);
    for (let i = 0; i < 30; i++) cost.recordMoving(10_000);
    expect(cost.movingScale).toBe(MIN_MOVING_SCALE);
    for (let i = 0; i < 30; i++) cost.recordMoving(1);
    expect(cost.movingScale).toBe(1);
  });
});

describe('progressive frame', () => {
  test('slices cover every segment exactly once, then the picture is complete', () => {
    const frame = new ProgressiveFrame();
    frame.start(fakeShared, 100, 80, 25);
    const seen: number[] = [];
    while (!frame.complete) {
      const [a, b] = frame.nextSlice(7);
      for (let s = a; s < b; s++) seen.push(s);
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(frame.active).toBe(true);
    frame.cancel();
    expect(frame.active).toBe(false);
  });
});
