import type { BundlingEngine, LevelInfo } from '../../src/compute/engine';
import { DEFAULT_PARAMS, InvalidParamsError } from '../../src/compute/params';
import { processNetwork } from '../../src/compute/pipeline';
import type { ProcessedGeometry, ProcessingParams } from '../../src/compute/types';
import { ComputeClient } from '../../src/workers/compute-client';
import { JobCancelledError, type ComputeProgress } from '../../src/workers/job-types';
import { JobRunner } from '../../src/workers/job-runner';
import type { MainToWorker } from '../../src/workers/protocol';
import { buildNetwork, randomSpec } from '../helpers/network-spec';

const network = buildNetwork(randomSpec([9, 4, 3], 3, 4));
const params: ProcessingParams = { ...DEFAULT_PARAMS, prunePercentage: 0.5 };

/** An engine with 20 node levels (so a job is still running when the test acts), or one that throws. */
function engine(fail = false): BundlingEngine {
  return {
    name: 'exact',
    *nodePhase(): Generator<LevelInfo, void, void> {
      if (fail) throw new TypeError('engine blew up');
      for (let level = 1; level <= 20; level++) yield { level, levels: 20 };
    },
    *edgePhase(_n, _k, _p, polylines) {
      return polylines;
    },
  };
}

type Listener = (event: { data?: unknown; message?: string; preventDefault?: () => void }) => void;

/**
 * A Worker stand-in running a real JobRunner in this thread: messages cross by structured clone
 * with transfer on later macrotasks, as between a page and a worker.
 */
class FakeWorker {
  readonly received: MainToWorker[] = [];
  terminated = false;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly runner: JobRunner;

  constructor(fail: boolean) {
    this.runner = new JobRunner((msg, transfer) => {
      const data = structuredClone(msg, { transfer });
      setImmediate(() => !this.terminated && this.emit('message', { data }));
    }, { engine: engine(fail) });
  }

  postMessage(msg: MainToWorker): void {
    const data = structuredClone(msg);
    setImmediate(() => {
      if (this.terminated) return;
      this.received.push(data);
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

  emit(type: string, event: Parameters<Listener>[0]): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

function setup(fail = false) {
  const workers: FakeWorker[] = [];
  const client = new ComputeClient(() => {
    const worker = new FakeWorker(fail);
    workers.push(worker);
    return worker as unknown as Worker;
  });
  return { client, workers };
}

const exact = { ...params, engine: 'exact' as const };

function expected(p: ProcessingParams): ProcessedGeometry {
  const gen = processNetwork(network, p, engine());
  for (;;) {
    const step = gen.next();
    if (step.done === true) return step.value;
  }
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('the promise resolved');
}

test('process resolves with the geometry the pipeline computes, reporting progress on the way', async () => {
  const { client, workers } = setup();
  client.setNetwork(network);
  const progress: ComputeProgress[] = [];
  const geometry = await client.process(exact, { onProgress: (p) => progress.push(p), liveEveryMs: 0 });
  expect(geometry).toEqual(expected(exact));
  expect(progress.map((p) => p.phase)).toEqual(['prune', 'layout', ...Array(20).fill('nodes'), 'done']);
  expect(progress[1]!.geometry?.nodePositions.length).toBe(network.layerOffsets[3]! * 3);
  expect(workers.length).toBe(1);
  client.dispose();
});

test('bad parameters and a missing network reject without reaching the worker', async () => {
  const { client, workers } = setup();
  expect(await rejection(client.process({ ...params, layerWidth: -1 }))).toBeInstanceOf(InvalidParamsError);
  expect((await rejection(client.process(params))).message).toBe('no network: call setNetwork before process');
  expect(workers.length).toBe(0);
});

test('a newer job supersedes the running one, whose promise rejects with JobCancelledError', async () => {
  const { client } = setup();
  client.setNetwork(network);
  const first = client.process(exact);
  const second = client.process({ ...exact, prunePercentage: 0.9 });
  const err = await rejection(first);
  expect(err).toBeInstanceOf(JobCancelledError);
  expect((err as JobCancelledError).reason).toBe('superseded');
  expect(await second).toEqual(expected({ ...exact, prunePercentage: 0.9 }));
  client.dispose();
});

test('cancel rejects the job and tells the worker to stop', async () => {
  const { client, workers } = setup();
  client.setNetwork(network);
  const levels: number[] = [];
  const job = client.process(exact, {
    onProgress: (p) => {
      if (p.phase === 'nodes') levels.push(p.level);
      if (p.level === 2) client.cancel();
    },
  });
  expect(((await rejection(job)) as JobCancelledError).reason).toBe('cancelled');
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(workers[0]!.received.map((m) => m.type)).toEqual(['set-network', 'process', 'cancel']);
  expect(levels).toEqual([1, 2]);
  client.dispose();
});

test('a worker crash rejects the job with the reason, and the next job gets a fresh worker with the network', async () => {
  const { client, workers } = setup();
  client.setNetwork(network);
  const job = client.process(exact);
  let prevented = false;
  workers[0]!.emit('error', { message: 'Uncaught RangeError: out of memory', preventDefault: () => (prevented = true) });
  expect((await rejection(job)).message).toBe('compute worker crashed: Uncaught RangeError: out of memory');
  expect(prevented).toBe(true);
  expect(workers[0]!.terminated).toBe(true);
  expect(await client.process(exact)).toEqual(expected(exact));
  expect(workers.length).toBe(2);
  expect(workers[1]!.received.map((m) => m.type)).toEqual(['set-network', 'process']);
  client.dispose();
});

test('a message that cannot be deserialised counts as a crash too', async () => {
  const { client, workers } = setup();
  client.setNetwork(network);
  const job = client.process(exact);
  workers[0]!.emit('messageerror', {});
  expect((await rejection(job)).message).toBe('compute worker crashed: a message from the worker could not be deserialised');
  client.dispose();
});

test('an error inside the worker rejects with the same error name and message', async () => {
  const { client } = setup(true);
  client.setNetwork(network);
  const err = await rejection(client.process(exact));
  expect([err.name, err.message]).toEqual(['TypeError', 'engine blew up']);
  client.dispose();
});

test('a new network rejects the running job; dispose rejects it and stops the worker for good', async () => {
  const { client, workers } = setup();
  client.setNetwork(network);
  const job = client.process(exact);
  client.setNetwork(network);
  expect(((await rejection(job)) as JobCancelledError).reason).toBe('network-changed');
  const next = client.process(exact);
  client.dispose();
  expect(((await rejection(next)) as JobCancelledError).reason).toBe('disposed');
  expect(workers[0]!.terminated).toBe(true);
  expect((await rejection(client.process(exact))).message).toBe('ComputeClient is disposed');
  expect(() => client.setNetwork(network)).toThrow('ComputeClient is disposed');
});

test('an exception thrown by onProgress rejects the job with it and cancels the work', async () => {
  const { client, workers } = setup();
  client.setNetwork(network);
  const err = await rejection(
    client.process(exact, {
      onProgress: (p) => {
        if (p.phase === 'layout') throw new Error('view failed');
      },
    }),
  );
  expect(err.message).toBe('view failed');
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(workers[0]!.received.map((m) => m.type)).toEqual(['set-network', 'process', 'cancel']);
  client.dispose();
});

test('a malformed message from the worker is treated as a crash', async () => {
  const { client, workers } = setup();
  client.setNetwork(network);
  const job = client.process(exact);
  workers[0]!.emit('message', { data: { version: 2, type: 'result', jobId: 1 } });
  expect((await rejection(job)).message).toBe('compute worker crashed: it sent a malformed message (protocol version 2 received, this page speaks version 1)');
  client.dispose();
});
