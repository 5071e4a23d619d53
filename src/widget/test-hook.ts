/**
 * View → browser tests: a small read-only object on the widget's root element
 * (`root.__nnbundle`) that lets a test find nodes on the canvas and know their colour, without
 * reaching into three.js. Nothing in the widget reads it back.
 */

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
  /** Colour drawn at node `id`'s centre, 0..255 per channel; null when it is hidden or unknown. */
  nodeColor(id: number): [number, number, number] | null;
}

/** What a view supplies to build its hook: the live values behind the hook's members. */
export interface TestHookSource {
  readonly ready: Promise<void>;
  frameCount(): number;
  status(): string;
  error(): string;
  projectNode(id: number): { x: number; y: number } | null;
  nodeColor(id: number): [number, number, number] | null;
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
    nodeColor: (id) => source.nodeColor(id),
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
