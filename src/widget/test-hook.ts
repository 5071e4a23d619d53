/**
 * View → browser tests and benchmarks: a small object on the widget's root element
 * (`root.__nnbundle`) that lets a test find nodes on the canvas, compare their pixels with nn_vis's
 * formulas, pick, time frames and shuffle the draw order, without reaching into three.js. Nothing
 * in the widget reads it back.
 */
import type { NodeProbe } from '../render/node-probe';
import type { PickResult } from '../render/picking';

/** What the browser tests can ask a view. */
export interface TestHook {
  /** Resolves once the first final picture of the network has been drawn. */
  readonly ready: Promise<void>;
  /** Frames drawn so far. */
  readonly frameCount: number;
  /** The view's `status` text (`'ready'`, `'processing edges 3/23'`, `'error'`, …). */
  status(): string;
  /** The message in the error banner, `''` when there is none. */
  error(): string;
  /** Where node `id` (global id) is drawn, in CSS pixels from the canvas's top-left; null without geometry. */
  projectNode(id: number): { x: number; y: number } | null;
  /** Node `id` as drawn: position, uploaded colour bytes, radius, view depth and the depth box range. */
  probeNode(id: number): NodeProbe | null;
  /** What is under (`x`, `y`), CSS pixels from the canvas's top-left. */
  pick(x: number, y: number): PickResult | null;
  /** The hover tooltip's text, lines joined by newlines ('' when hidden). */
  tooltip(): string;
  /** Edge segments in the GPU buffers. */
  segmentCount(): number;
  /** The page's shared WebGL canvas (for WEBGL_lose_context), null without a renderer. */
  sharedCanvas(): HTMLCanvasElement | null;
  /** Draws a frame synchronously, waits for the GPU and returns its milliseconds (moving: level of detail). */
  timeFrame(moving: boolean): number;
  /** Whether the full-quality picture is still being built in slices (the canvas shows a preview). */
  refining(): boolean;
  /** Redraws the still picture from scratch (a refinement starts when one frame cannot hold it). */
  redraw(): void;
  /** Draws segments and nodes in a seeded random order (0: natural order). */
  setDrawOrder(seed: number): void;
}

/** What a view supplies to build its hook: the live values behind the hook's members. */
export interface TestHookSource extends Omit<TestHook, 'frameCount'> {
  frameCount(): number;
}

/** A hook whose members read `source` at every call. */
export function createTestHook(source: TestHookSource): TestHook {
  return {
    ready: source.ready,
    get frameCount(): number {
      return source.frameCount();
    },
    status: () => source.status(),
    error: () => source.error(),
    projectNode: (id) => source.projectNode(id),
    probeNode: (id) => source.probeNode(id),
    pick: (x, y) => source.pick(x, y),
    tooltip: () => source.tooltip(),
    segmentCount: () => source.segmentCount(),
    sharedCanvas: () => source.sharedCanvas(),
    timeFrame: (moving) => source.timeFrame(moving),
    refining: () => source.refining(),
    redraw: () => source.redraw(),
    setDrawOrder: (seed) => source.setDrawOrder(seed),
  };
}

/** Property name of the hook on the root element. */
export const TEST_HOOK_PROPERTY = '__nnbundle';

/** Attaches `hook` to `el` as a frozen, non-enumerable, read-only property. */
export function attachTestHook(el: HTMLElement, hook: TestHook): void {
  Object.defineProperty(el, TEST_HOOK_PROPERTY, { value: Object.freeze(hook), configurable: true, enumerable: false, writable: false });
}

/** Removes the hook from `el`. */
export function detachTestHook(el: HTMLElement): void {
  Reflect.deleteProperty(el, TEST_HOOK_PROPERTY);
}
