/**
 * Starts a worker from its bundled source text (the widget imports the worker bundle as a string
 * from '@worker-bundle'), so the widget stays one ES module with no separate worker file to serve.
 */

/**
 * Starts a classic worker running `source`.
 *
 * @param source the worker script's text
 * @returns the running worker; the caller owns it and must `terminate()` it
 */
export function createInlineWorker(source: string): Worker {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return new Worker(url);
  } finally {
    // The Blob URL is resolved when the constructor parses it, so it can go at once.
    URL.revokeObjectURL(url);
  }
}
