import type { BundlingEngine, LevelInfo } from '../../src/compute/engine';
import { DEFAULT_PARAMS, InvalidParamsError } from '../../src/compute/params';
import { processNetwork } from '../../src/compute/pipeline';
import type { ProcessedGeometry, ProcessingParams } from '../../src/compute/types';
import { JobCancelledError, type ComputeProgress } from '../../src/workers/job-types';
import { WorkerPool } from '../../src/workers/worker-pool';
import { buildNetwork, randomSpec } from '../helpers/network-spec';
import { FakePoolWorker } from './worker-pool-fakes';

const network = buildNetwork(randomSpec([9, 4, 3], 3, 4));
const params: ProcessingParams = { ...DEFAULT_PARAMS, prunePercentage: 0.5 };
// Not `fast`: the job runs as an ordinary `process` job on worker 0, whatever the pool's size.
const exact = { ...params, engine: 'exact' as const };

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

// A pool of 1 is the single-worker client the widget used to have; the widget's pool of 2 runs these jobs the same way.
describe.each([1, 2])('a WorkerPool of %i running one job at a time on worker 1', (size) => {
  function setup(fail = false) {
    const workers: FakePoolWorker[] = [];
    const pool = new WorkerPool(() => {
      const worker = new FakePoolWorker(null, { engine: engine(fail) });
      workers.push(worker);
      return worker as unknown as Worker;
    }, { workers: size });
    return { pool, workers };
  }

  test('process resolves with the geometry the pipeline computes, reporting progress on the way', async () => {
    const { pool, workers } = setup();
    pool.setNetwork(network);
    const progress: ComputeProgress[] = [];
    const geometry = await pool.process(exact, { onProgress: (p) => progress.push(p), liveEveryMs: 0 });
    expect(geometry).toEqual(expected(exact));
    expect(progress.map((p) => p.phase)).toEqual(['prune', 'layout', ...Array(20).fill('nodes'), 'done']);
    expect(progress[1]!.geometry?.nodePositions.length).toBe(network.layerOffsets[3]! * 3);
    expect(workers.length).toBe(1);
    pool.dispose();
  });

  test('bad parameters and a missing network reject without reaching a worker', async () => {
    const { pool, workers } = setup();
    expect(await rejection(pool.process({ ...params, layerWidth: -1 }))).toBeInstanceOf(InvalidParamsError);
    expect((await rejection(pool.process(params))).message).toBe('no network: call setNetwork before process');
    expect(workers.length).toBe(0);
  });

  test('a newer job supersedes the running one, whose promise rejects with JobCancelledError', async () => {
    const { pool } = setup();
    pool.setNetwork(network);
    const first = pool.process(exact);
    const second = pool.process({ ...exact, prunePercentage: 0.9 });
    const err = await rejection(first);
    expect(err).toBeInstanceOf(JobCancelledError);
    expect((err as JobCancelledError).reason).toBe('superseded');
    expect(await second).toEqual(expected({ ...exact, prunePercentage: 0.9 }));
    pool.dispose();
  });

  test('cancel rejects the job and tells the worker to stop', async () => {
    const { pool, workers } = setup();
    pool.setNetwork(network);
    const levels: number[] = [];
    const job = pool.process(exact, {
      onProgress: (p) => {
        if (p.phase === 'nodes') levels.push(p.level);
        if (p.level === 2) pool.cancel();
      },
    });
    expect(((await rejection(job)) as JobCancelledError).reason).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(workers[0]!.received.map((m) => m.type)).toEqual(['set-network', 'process', 'cancel']);
    expect(levels).toEqual([1, 2]);
    pool.dispose();
  });

  test('a worker crash rejects the job with the reason, and the next job gets a fresh worker with the network', async () => {
    const { pool, workers } = setup();
    pool.setNetwork(network);
    const job = pool.process(exact);
    let prevented = false;
    workers[0]!.emit('error', { message: 'Uncaught RangeError: out of memory', preventDefault: () => (prevented = true) });
    expect((await rejection(job)).message).toBe(`compute worker 1 of ${size} crashed: Uncaught RangeError: out of memory`);
    expect(prevented).toBe(true);
    expect(workers[0]!.terminated).toBe(true);
    expect(await pool.process(exact)).toEqual(expected(exact));
    expect(workers.length).toBe(2);
    expect(workers[1]!.received.map((m) => m.type)).toEqual(['set-network', 'process']);
    pool.dispose();
  });

  test('a message that cannot be deserialised counts as a crash too', async () => {
    const { pool, workers } = setup();
    pool.setNetwork(network);
    const job = pool.process(exact);
    workers[0]!.emit('messageerror', {});
    expect((await rejection(job)).message).toBe(`compute worker 1 of ${size} crashed: a message from the worker could not be deserialised`);
    pool.dispose();
  });

  test('an error inside the worker rejects with the same error name and message', async () => {
    const { pool } = setup(true);
    pool.setNetwork(network);
    const err = await rejection(pool.process(exact));
    expect([err.name, err.message]).toEqual(['TypeError', 'engine blew up']);
    pool.dispose();
  });

  test('a new network rejects the running job; dispose rejects it and stops the worker for good', async () => {
    const { pool, workers } = setup();
    pool.setNetwork(network);
    const job = pool.process(exact);
    pool.setNetwork(network);
    expect(((await rejection(job)) as JobCancelledError).reason).toBe('network-changed');
    const next = pool.process(exact);
    pool.dispose();
    expect(((await rejection(next)) as JobCancelledError).reason).toBe('disposed');
    expect(workers[0]!.terminated).toBe(true);
    expect((await rejection(pool.process(exact))).message).toBe('WorkerPool is disposed');
    expect(() => pool.setNetwork(network)).toThrow('WorkerPool is disposed');
  });

  test('an exception thrown by onProgress rejects the job with it and cancels the work', async () => {
    const { pool, workers } = setup();
    pool.setNetwork(network);
    const err = await rejection(
      pool.process(exact, {
        onProgress: (p) => {
          if (p.phase === 'layout') throw new Error('view failed');
        },
      }),
    );
    expect(err.message).toBe('view failed');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(workers[0]!.received.map((m) => m.type)).toEqual(['set-network', 'process', 'cancel']);
    pool.dispose();
  });

  test('a malformed message from the worker is treated as a crash', async () => {
    const { pool, workers } = setup();
    pool.setNetwork(network);
    const job = pool.process(exact);
    workers[0]!.emit('message', { data: { version: 2, type: 'result', jobId: 1 } });
    expect((await rejection(job)).message).toBe(`compute worker 1 of ${size} crashed: it sent a malformed message (protocol version 2 received, this page speaks version 1)`);
    pool.dispose();
  });
});
