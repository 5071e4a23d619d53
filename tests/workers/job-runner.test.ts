import type { BundlingEngine, LevelInfo } from '../../src/compute/engine';
import { DEFAULT_PARAMS } from '../../src/compute/params';
import type { ProcessingParams } from '../../src/compute/types';
import { JobRunner } from '../../src/workers/job-runner';
import type { MacrotaskYield } from '../../src/workers/macrotask';
import { PROTOCOL_VERSION, type WorkerToMain } from '../../src/workers/protocol';
import { buildNetwork, randomSpec } from '../helpers/network-spec';

const network = buildNetwork(randomSpec([9, 4, 3], 3, 4));
const params: ProcessingParams = { ...DEFAULT_PARAMS, engine: 'straight', prunePercentage: 0.5 };
const v = PROTOCOL_VERSION;

/** Macrotasks released by hand, so a test decides what happens between two levels. */
class ManualMacrotask implements MacrotaskYield {
  private waiting: (() => void)[] = [];
  next(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  /** Lets every waiting job loop run one more step, and lets its promise callbacks settle. */
  async release(): Promise<void> {
    for (const resolve of this.waiting.splice(0)) resolve();
    await new Promise((resolve) => setImmediate(resolve));
  }
  dispose(): void {}
}

/** An engine with `levels` node levels; throws at node level `failAt` when given. */
function slowEngine(levels: number, failAt?: number): BundlingEngine {
  return {
    name: 'exact',
    *nodePhase(): Generator<LevelInfo, void, void> {
      for (let level = 1; level <= levels; level++) {
        if (level === failAt) throw new RangeError(`level ${level} exploded`);
        yield { level, levels };
      }
    },
    *edgePhase(_n, _k, _p, polylines) {
      return polylines;
    },
  };
}

/** A runner whose posts are really structured-cloned with transfer, as postMessage does. */
function setup(options: { engine?: BundlingEngine; now?: () => number } = {}) {
  const macrotask = new ManualMacrotask();
  const received: WorkerToMain[] = [];
  const transfers: ArrayBuffer[][] = [];
  const runner = new JobRunner(
    (msg, transfer) => {
      transfers.push(transfer as ArrayBuffer[]);
      received.push(structuredClone(msg, { transfer }));
    },
    { macrotask, ...options },
  );
  runner.handle({ version: v, type: 'set-network', network });
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) await macrotask.release();
  };
  return { runner, macrotask, received, transfers, until };
}

const process = (jobId: number, p: Partial<ProcessingParams> = {}, liveEvery = Infinity) => ({ version: v, type: 'process', jobId, params: { ...params, ...p }, liveEvery });
const types = (msgs: WorkerToMain[]) => msgs.map((m) => `${m.type}${'phase' in m ? ` ${m.phase}` : ''} #${m.jobId}`);

test('a job reports progress per step, then its result with every buffer transferred, not copied', async () => {
  const { runner, received, transfers, until } = setup();
  runner.handle(process(1));
  await until(() => received.some((m) => m.type === 'result'));
  expect(types(received)).toEqual(['progress prune #1', 'progress layout #1', 'progress done #1', 'result #1']);
  const result = received[3] as Extract<WorkerToMain, { type: 'result' }>;
  expect(result.geometry.keptEdges.length).toBeGreaterThan(0);
  const moved = transfers[3]!;
  expect(moved.length).toBe(4);
  // Transferred buffers are detached on the sending side.
  expect(moved.every((b) => b.byteLength === 0)).toBe(true);
  expect(result.geometry.points.length).toBe(result.geometry.pointOffsets[result.geometry.keptEdges.length]! * 3);
});

test('live geometry: every step with liveEvery 0 (except done, which the result covers), none with Infinity', async () => {
  const every = setup();
  every.runner.handle(process(1, {}, 0));
  await every.until(() => every.received.some((m) => m.type === 'result'));
  expect(every.received.map((m) => m.type === 'progress' && m.geometry !== undefined)).toEqual([true, true, false, false]);

  const never = setup();
  never.runner.handle(process(1, {}, Infinity));
  await never.until(() => never.received.some((m) => m.type === 'result'));
  expect(never.received.some((m) => m.type === 'progress' && m.geometry !== undefined)).toBe(false);
});

test('live geometry is rate-limited to one per liveEvery ms', async () => {
  let clock = 0;
  const { runner, received, until } = setup({ engine: slowEngine(6), now: () => (clock += 20) });
  runner.handle(process(1, { engine: 'exact' }, 50));
  await until(() => received.some((m) => m.type === 'result'));
  const live = received.filter((m) => m.type === 'progress' && m.geometry !== undefined).length;
  // Steps are 20 ms apart: prune, layout, 6 node levels (done excluded) = 8 steps over 160 ms.
  expect(live).toBe(3);
});

test('cancel between levels: a cancelled message, and nothing after it', async () => {
  const { runner, received, macrotask } = setup({ engine: slowEngine(10) });
  runner.handle(process(1, { engine: 'exact' }));
  await macrotask.release();
  await macrotask.release();
  runner.handle({ version: v, type: 'cancel', jobId: 1 });
  const at = received.length;
  for (let i = 0; i < 20; i++) await macrotask.release();
  expect(types(received.slice(at - 2))).toEqual(['progress nodes #1', 'cancelled #1']);
  expect(received.length).toBe(at);
  expect(received.some((m) => m.type === 'result')).toBe(false);
  await runner.idle();
});

test('a cancel for a job that is not running is ignored', async () => {
  const { runner, received, until } = setup();
  runner.handle({ version: v, type: 'cancel', jobId: 9 });
  runner.handle(process(1));
  await until(() => received.some((m) => m.type === 'result'));
  expect(received.some((m) => m.type === 'cancelled')).toBe(false);
});

test('an exception in the pipeline becomes an error message with its name and text, never swallowed', async () => {
  const { runner, received, until } = setup({ engine: slowEngine(5, 3) });
  runner.handle(process(4, { engine: 'exact' }));
  await until(() => received.some((m) => m.type === 'error'));
  expect(received[received.length - 1]).toEqual({ version: v, type: 'error', jobId: 4, name: 'RangeError', message: 'level 3 exploded' });
  expect(received.some((m) => m.type === 'result')).toBe(false);
});

test('a newer process cancels the older job, which then stays silent', async () => {
  const { runner, received, macrotask, until } = setup({ engine: slowEngine(10) });
  runner.handle(process(1, { engine: 'exact' }));
  await macrotask.release();
  runner.handle(process(2, { engine: 'exact' }));
  await until(() => received.some((m) => m.type === 'result'));
  const cancelledAt = received.findIndex((m) => m.type === 'cancelled');
  expect(received[cancelledAt]).toEqual({ version: v, type: 'cancelled', jobId: 1 });
  expect(received.slice(cancelledAt + 1).every((m) => m.jobId === 2)).toBe(true);
  expect(types(received.filter((m) => m.type === 'result'))).toEqual(['result #2']);
});

test('a new network cancels the running job', async () => {
  const { runner, received, macrotask } = setup({ engine: slowEngine(10) });
  runner.handle(process(1, { engine: 'exact' }));
  runner.handle({ version: v, type: 'set-network', network });
  await macrotask.release();
  expect(types(received).slice(-1)).toEqual(['cancelled #1']);
});

test('bad requests get error messages', async () => {
  const { runner, received } = setup();
  runner.handle(process(3, { samplingRate: -1 }));
  expect(received.pop()).toMatchObject({ type: 'error', jobId: 3, name: 'InvalidParamsError' });
  runner.handle({ version: 99, type: 'cancel', jobId: 1 });
  expect(received.pop()).toEqual({ version: v, type: 'error', jobId: null, name: 'ProtocolError', message: 'protocol version 99 received, this worker speaks version 1' });
  runner.handle({ version: v, type: 'explode' });
  expect(received.pop()).toMatchObject({ jobId: null, message: 'unknown message type "explode"' });
  const fresh = new JobRunner((msg) => received.push(msg), { macrotask: new ManualMacrotask() });
  fresh.handle(process(5));
  expect(received.pop()).toMatchObject({ type: 'error', jobId: 5, message: 'no network: send set-network before process' });
});

test('with the real macrotask yield, a cancel queued behind a running job gets in within a level', async () => {
  const busy: BundlingEngine = {
    ...slowEngine(0),
    *nodePhase(): Generator<LevelInfo, void, void> {
      for (let level = 1; level <= 200; level++) {
        const until = Date.now() + 2;
        while (Date.now() < until);
        yield { level, levels: 200 };
      }
    },
  };
  const received: WorkerToMain[] = [];
  const runner = new JobRunner((msg) => received.push(msg), { engine: busy });
  runner.handle({ version: v, type: 'set-network', network });
  runner.handle(process(1, { engine: 'exact' }));
  setTimeout(() => runner.handle({ version: v, type: 'cancel', jobId: 1 }), 0);
  await runner.idle();
  runner.dispose();
  const levels = received.filter((m) => m.type === 'progress' && m.phase === 'nodes').length;
  expect(types(received).slice(-1)).toEqual(['cancelled #1']);
  expect(levels).toBeLessThan(50);
});
