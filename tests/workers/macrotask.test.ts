import { createMacrotaskYield } from '../../src/workers/macrotask';

/** Order in which a `next()` and a microtask queued after it settle. */
async function order(): Promise<string[]> {
  const seen: string[] = [];
  const yielder = createMacrotaskYield();
  const done = yielder.next().then(() => seen.push('macrotask'));
  void Promise.resolve().then(() => seen.push('microtask'));
  await done;
  yielder.dispose();
  return seen;
}

/** Runs `body` with the named globals hidden, as in a browser worker without them. */
async function without<T>(names: ('setImmediate' | 'MessageChannel')[], body: () => Promise<T>): Promise<T> {
  const g = globalThis as Record<string, unknown>;
  const saved = names.map((n) => g[n]);
  names.forEach((n) => (g[n] = undefined));
  try {
    return await body();
  } finally {
    names.forEach((n, i) => (g[n] = saved[i]));
  }
}

test('next() settles after pending microtasks, i.e. on a later macrotask (setImmediate)', async () => {
  expect(await order()).toEqual(['microtask', 'macrotask']);
});

test('the MessageChannel path (browsers, workers) also yields a macrotask', async () => {
  expect(await without(['setImmediate'], order)).toEqual(['microtask', 'macrotask']);
});

test('the setTimeout fallback also yields a macrotask', async () => {
  expect(await without(['setImmediate', 'MessageChannel'], order)).toEqual(['microtask', 'macrotask']);
});
