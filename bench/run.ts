/**
 * `make bench`: every benchmark, one JSON object per line on stdout.
 * - Chromium: the bundling cases, timed in headless Chromium from posting the network to the
 *   compute workers until the final polylines arrive (median of N after a warm-up). peak_mb is the
 *   largest worker's peak (JS heap, array buffers and WebAssembly memory, bench/worker-memory.ts),
 *   from a separate run of MEMORY_RUNS jobs after a warm-up (polling the workers slows them);
 *   renderer_growth_mb is the timed run's growth of the renderer's peak RSS (page + workers) over the idle page.
 * - Node: bench/bundle-node.ts (single thread, fidelity cases) runs as its own process.
 * - The widget module's size, minified and gzipped (case widget-bundle).
 * `--smoke` runs the smallest case once, only to prove the benchmarks work (CI); `--case NAME` runs one
 * speed case; `--chromium` skips the Node benchmark; `--in-page` also times the pipeline on the page's
 * own thread (workers 0), to tell worker overhead from the browser's engine.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { gzipSync } from 'zlib';
import path from 'path';
import { launchChromium } from '../tests/browser/helpers/chromium';
import { ROOT } from '../tests/browser/helpers/python';
import { startStaticServer } from '../tests/browser/helpers/static-server';
import { WorkerMemoryProbe } from './worker-memory';

const SPEED_CASES = ['100-81-49-36-10', '784-81-49-10', '784-256-128-10'];
const SEED = 1;

const smoke = process.argv.includes('--smoke');
const runs = smoke ? 1 : 5;
/** `--case NAME`: only this speed case (Chromium and Node); `--chromium`: skip the Node benchmark. */
const only = process.argv.includes('--case') ? process.argv[process.argv.indexOf('--case') + 1] : undefined;
const chromiumOnly = process.argv.includes('--chromium');

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Peak resident set (VmHWM) of a process, in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
  return kb / 1024;
}

interface PageResult { times: number[]; edges: number; points: number; workers: number }

/** Jobs of the memory run: polling the workers slows them, so it is not the timed run. */
const MEMORY_RUNS = 2;

type Browser = Awaited<ReturnType<typeof launchChromium>>;

/** Opens the bench page on a fresh page (its renderer's peak RSS then belongs to this run alone). */
async function benchPage(browser: Browser, url: string): Promise<Awaited<ReturnType<Browser['newPage']>>> {
  const page = await browser.newPage();
  await page.goto(`${url}/bench/bundle.html`);
  await page.waitForFunction(() => 'bench' in window);
  return page;
}

async function chromiumCases(): Promise<void> {
  const server = await startStaticServer();
  const browser = await launchChromium();
  try {
    // Every case with the pool (2 workers) and with one worker, in the same run: ratios compare like with like.
    const cases = smoke ? SPEED_CASES.slice(0, 1) : SPEED_CASES.filter((n) => only === undefined || n === only);
    // `--in-page` adds a diagnostic run of the pipeline on the page's own thread (workers: 0).
    const pools = process.argv.includes('--in-page') ? [2, 1, 0] : [2, 1];
    for (const [name, workers] of cases.flatMap((n) => pools.map((w) => [n, w] as const))) {
      const request = { layers: name.split('-').map(Number), engine: 'fast', runs, seed: SEED, workers };
      const run = (page: Awaited<ReturnType<Browser['newPage']>>, req: typeof request): Promise<PageResult> => page.evaluate(
        (r) => (window as unknown as { bench: { run(r: unknown): Promise<unknown> } }).bench.run(r), req,
      ) as Promise<PageResult>;
      // The timed run, with the renderer's RSS growth.
      let page = await benchPage(browser, server.url);
      const cdp = await browser.newBrowserCDPSession();
      const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
      const renderers = info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
      const idle = renderers.map(peakRssMb);
      const result = await run(page, request);
      const after = renderers.map(peakRssMb);
      // The page's renderer is the one that grew; its growth is the page's and its workers' peak.
      const grown = after.map((mb, i) => mb - (idle[i] ?? mb));
      await cdp.detach();
      await page.close();
      // The memory run: each worker's own peak, on a fresh page.
      page = await benchPage(browser, server.url);
      const probe = await WorkerMemoryProbe.attach(page);
      await run(page, { ...request, runs: Math.min(runs, MEMORY_RUNS) });
      const workerMemory = await probe.stop();
      await page.close();
      const times = [...result.times].sort((a, b) => a - b);
      console.log(JSON.stringify({
        case: name, engine: 'fast', runtime: 'chromium', workers: result.workers,
        median_ms: round(times[times.length >> 1] ?? NaN), min_ms: round(times[0] ?? NaN), max_ms: round(times[times.length - 1] ?? NaN),
        runs, peak_mb: round(Math.max(...workerMemory.map((w) => w.peakMb))),
        worker_peak_mb: workerMemory.map((w) => round(w.peakMb)), worker_wasm_peak_mb: workerMemory.map((w) => round(w.wasmPeakMb)),
        renderer_growth_mb: round(Math.max(...grown)), renderer_peak_rss_mb: round(Math.max(...after)), edges: result.edges, points: result.points,
      }));
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The widget module's size (design target: ≤ 900 KB minified, goal ≤ 500 KB). */
function bundleSize(): void {
  const bytes = readFileSync(path.join(ROOT, 'dist/nnbundle.js'));
  console.log(JSON.stringify({ case: 'widget-bundle', bytes: bytes.length, gzip_bytes: gzipSync(bytes).length, must_bytes: 900_000, goal_bytes: 500_000 }));
}

async function main(): Promise<void> {
  bundleSize();
  await chromiumCases();
  if (chromiumOnly) return;
  const nodeBench = path.join(__dirname, 'bundle-node.js');
  execFileSync(process.execPath, [nodeBench, ...(smoke ? ['--smoke'] : []), ...(only === undefined ? [] : ['--case', only])], { stdio: 'inherit' });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
