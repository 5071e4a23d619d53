/**
 * A prefix for the benchmark's worker scripts: before the worker's own code runs, it wraps
 * `WebAssembly.Instance` and `WebAssembly.instantiate` so that every exported memory is remembered
 * (weakly: a memory the worker drops is no longer counted once it is collected). The DevTools probe
 * (bench/worker-memory.ts) evaluates WASM_MEMORY_BYTES in the worker to read their total size, which
 * `Runtime.getHeapUsage` does not include. Only the benchmark page uses it; the widget's workers run unchanged.
 */
export const RECORD_WASM_MEMORIES = `(() => {
  const seen = (self.__benchWasmMemories = []);
  const note = (instance) => {
    for (const v of Object.values(instance.exports)) if (v instanceof WebAssembly.Memory) seen.push(new WeakRef(v));
    return instance;
  };
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(Instance, { construct: (target, args, newTarget) => note(Reflect.construct(target, args, newTarget)) });
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (...args) => instantiate(...args).then((r) => { note(r instanceof Instance ? r : r.instance); return r; });
})();
`;

/** Evaluated in a worker: the byte length of its WebAssembly memories still alive (0 without the prefix). */
export const WASM_MEMORY_BYTES = '(self.__benchWasmMemories ?? []).reduce((s, r) => s + (r.deref()?.buffer.byteLength ?? 0), 0)';
