/**
 * A promise that settles on a later macrotask, so that messages already queued for this thread
 * (a `cancel`, a newer `process`) are handled before the next level starts. A microtask would
 * not do: it runs before any message.
 */

/** `next()` resolves on a later macrotask; `dispose()` releases what the yielder holds. */
export interface MacrotaskYield {
  next(): Promise<void>;
  dispose(): void;
}

/**
 * Creates a yielder: `setImmediate` where it exists (Node, where a MessagePort drains up to 1000
 * queued messages before anything else runs), else a MessageChannel (browsers and workers, where
 * port messages and the worker's own messages share one FIFO task source, and nested
 * `setTimeout(0)` would be clamped to ≥ 4 ms), else `setTimeout(0)`.
 */
export function createMacrotaskYield(): MacrotaskYield {
  if (typeof setImmediate === 'function') {
    return { next: () => new Promise((resolve) => setImmediate(resolve)), dispose: () => undefined };
  }
  if (typeof MessageChannel === 'undefined') {
    return { next: () => new Promise((resolve) => setTimeout(resolve, 0)), dispose: () => undefined };
  }
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return {
    next: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      }),
    dispose: () => {
      channel.port1.close();
      channel.port2.close();
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}
