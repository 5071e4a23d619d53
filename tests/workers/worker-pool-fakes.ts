import { PoolRunner, type PoolRunnerOptions } from '../../src/workers/pool-runner';
import type { MainToWorker, WorkerToMain } from '../../src/workers/protocol';
import { fastEngine } from '../../src/compute/bundle/fast-engine';
import { registerEngine } from '../../src/compute/engine';

// As compute.worker.ts does; 'straight' is built in.
registerEngine(fastEngine);

type Listener = (event: { data?: unknown; message?: string; preventDefault?: () => void }) => void;

/** Makes a fake worker die (an `error` event, no reply) when it receives a message of this type. */
export type CrashOn = MainToWorker['type'] | null;

/**
 * A Worker stand-in running a real PoolRunner in this thread: messages cross by structured clone
 * with transfer on later macrotasks, as between a page and a worker (a transferred buffer is
 * detached on the sending side, so a reuse after transfer shows up as a failure). The two workers
 * of a pool job talk over a real MessageChannel, as in a browser.
 */
export class FakePoolWorker {
  readonly received: MainToWorker[] = [];
  readonly sent: WorkerToMain[] = [];
  terminated = false;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly runner: PoolRunner;
  private readonly crashOn: CrashOn;

  /** @param options the runner's test seams, e.g. an `engine` for every ordinary job */
  constructor(crashOn: CrashOn = null, options: PoolRunnerOptions = {}) {
    this.crashOn = crashOn;
    this.runner = new PoolRunner((msg, transfer) => {
      this.sent.push(msg);
      const data = structuredClone(msg, { transfer });
      setImmediate(() => !this.terminated && this.emit('message', { data }));
    }, options);
  }

  postMessage(msg: MainToWorker, transfer: Transferable[] = []): void {
    const data = structuredClone(msg, { transfer });
    setImmediate(() => {
      if (this.terminated) return;
      this.received.push(data);
      if (data.type === this.crashOn) {
        this.emit('error', { message: `out of memory in ${data.type}`, preventDefault: () => undefined });
        return;
      }
      this.runner.handle(data);
    });
  }

  addEventListener(type: string, listener: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  terminate(): void {
    this.terminated = true;
    this.runner.dispose();
  }

  /** Dispatches an event to the pool's listeners now, as the browser would (a crash, a garbled message). */
  emit(type: string, event: Parameters<Listener>[0]): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
