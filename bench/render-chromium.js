#!/usr/bin/env node
// Rendering benchmark in headless Chromium with software WebGL (SwiftShader), 1024×768, one JSON
// object per line. The network is nn_vis's MNIST-size random network made by the Python package
// (nnbundle.Network.random([784, 81, 49, 10], 10, seed=0)), shown by the real widget module
// (dist/nnbundle.js) in a minimal anywidget host page served from memory.
//
// Run: `make build` (or `npx webpack --mode production`), then
//   node bench/render-chromium.js [--smoke] [--cases p90,p0] [--engines fast,straight] [--runs N] [--screenshots DIR]
// --smoke: p90 with the straight engine, one run of each measurement (proves the pipeline works).
//
// Per case (reference/performance.md §4 explains why three numbers):
//   median_ms/min_ms/max_ms/runs: one full-quality frame drawn at once (every ellipsoid, then the
//     nodes), timed until the GPU finished (a one-pixel read);
//   moving_*: the frames drawn while the camera moves (coarse lines at a resolution adapted to a
//     60 ms budget), after 8 frames of adaptation;
//   refine_*: the still picture as the view draws it, in slices of ~60 ms, from the first slice to
//     the complete picture (wall clock), with the longest gap between animation frames.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const WIDTH = 1024;
const HEIGHT = 768;
const NETWORK = 'nnbundle.Network.random([784, 81, 49, 10], 10, seed=0)';
const CASES = { p90: 0.9, p0: 0.0 };
// Launch flags shared with the browser tests (reference/performance.md §4).
const CHROMIUM_ARGS = require('../tests/browser/helpers/chromium-args.json');

// The anywidget model contract, as little of it as the widget uses.
const HOST_HTML = `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
<div id="view" style="width:${WIDTH}px"></div>
<script type="module">
import widget from '/dist/nnbundle.js';
class Model {
  constructor(state) { this.state = state; this.listeners = new Map(); }
  get(name) { return this.state[name]; }
  set(name, value) { this.state[name] = value; for (const cb of this.listeners.get('change:' + name) ?? []) cb(); }
  on(event, cb) { if (!this.listeners.has(event)) this.listeners.set(event, new Set()); this.listeners.get(event).add(cb); }
  off(event, cb) { this.listeners.get(event)?.delete(cb); }
  save_changes() {}
  send() {}
}
window.mount = async (state) => {
  const tables = {};
  for (const name of ['layers', 'nodes', 'edges']) tables[name] = new DataView(await (await fetch('/net/' + name + '.arrows')).arrayBuffer());
  const model = new Model({ ...state, _network: tables });
  await widget.initialize?.({ model });
  await widget.render({ model, el: document.getElementById('view') });
};
window.benchReady = true;
</script></body></html>`;

function parseArgs(argv) {
  const args = { smoke: false, cases: ['p90', 'p0'], engines: ['fast', 'straight'], runs: null, screenshots: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') args.smoke = true;
    else if (a === '--cases') args.cases = argv[++i].split(',');
    else if (a === '--engines') args.engines = argv[++i].split(',');
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--screenshots') args.screenshots = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.smoke) Object.assign(args, { cases: ['p90'], engines: ['straight'], runs: 1 });
  return args;
}

function writeNetwork(dir) {
  const python = path.join(ROOT, '.venv/bin/python');
  const code = [
    'import pathlib, sys, nnbundle',
    'from nnbundle.arrow_codec import network_to_ipc',
    `for name, data in network_to_ipc(${NETWORK}).items():`,
    '    (pathlib.Path(sys.argv[1]) / f"{name}.arrows").write_bytes(data)',
  ].join('\n');
  execFileSync(python, ['-c', code, dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

function serve(netDir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = null;
    let type = 'application/octet-stream';
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(HOST_HTML);
      return;
    }
    if (url.pathname === '/dist/nnbundle.js') {
      file = path.join(ROOT, 'dist/nnbundle.js');
      type = 'text/javascript';
    } else if (/^\/net\/(layers|nodes|edges)\.arrows$/.test(url.pathname)) {
      file = path.join(netDir, path.basename(url.pathname));
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    fs.readFile(file, (err, body) => (err ? res.writeHead(404).end() : res.writeHead(200, { 'content-type': type }).end(body)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v) => Math.round(v * 10) / 10;
  return { median: round(sorted[Math.floor((sorted.length - 1) / 2)]), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

async function runCase(browser, url, name, prune, engine, runs, screenshots) {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => window.benchReady === true);
  const started = Date.now();
  await page.evaluate((state) => window.mount(state), { prune_percentage: prune, engine, height: HEIGHT });
  const hook = "document.querySelector('.nnbundle-root').__nnbundle";
  await page.waitForFunction(`${hook}?.status() === 'ready' || ${hook}?.status() === 'error'`, undefined, { timeout: 600_000, polling: 200 });
  const firstPicture = Date.now() - started;
  const status = await page.evaluate(`${hook}.status()`);
  if (status !== 'ready') throw new Error(`${name}/${engine}: the view reports ${JSON.stringify(await page.evaluate(`${hook}.error()`))}`);
  await page.waitForFunction(`!${hook}.refining()`, undefined, { timeout: 600_000, polling: 200 });
  const segments = await page.evaluate(`${hook}.segmentCount()`);
  // Full quality at once: one warm-up frame (shader compilation), then the timed runs.
  await page.evaluate(`${hook}.timeFrame(false)`);
  const full = [];
  for (let i = 0; i < runs.full; i++) full.push(await page.evaluate(`${hook}.timeFrame(false)`));
  // Moving frames: let the resolution adapt, then time.
  for (let i = 0; i < 8; i++) await page.evaluate(`${hook}.timeFrame(true)`);
  const moving = [];
  for (let i = 0; i < runs.moving; i++) moving.push(await page.evaluate(`${hook}.timeFrame(true)`));
  // The still picture as the view draws it: in slices, one per animation frame.
  const refine = [];
  const refineGaps = [];
  for (let i = 0; i < runs.refine; i++) {
    const r = await page.evaluate(async (h) => {
      const view = eval(h);
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      view.redraw();
      await frame();
      const start = performance.now();
      let last = start;
      let gap = 0;
      let frames = 0;
      while (view.refining()) {
        await frame();
        const now = performance.now();
        gap = Math.max(gap, now - last);
        last = now;
        frames++;
      }
      return { total: performance.now() - start, gap, frames };
    }, hook);
    refine.push(r);
    refineGaps.push(r.gap);
  }
  // `--screenshots DIR`: the settled full-quality picture, to look at.
  if (screenshots) {
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
  }
  await page.close();
  const f = stats(full);
  const m = stats(moving);
  const t = stats(refine.map((r) => r.total));
  return {
    case: name,
    runtime: 'chromium',
    median_ms: f.median,
    min_ms: f.min,
    max_ms: f.max,
    runs: full.length,
    engine,
    prune_percentage: prune,
    segments,
    width: WIDTH,
    height: HEIGHT,
    first_picture_ms: firstPicture,
    moving_median_ms: m.median,
    moving_max_ms: m.max,
    moving_runs: moving.length,
    refine_median_ms: t.median,
    refine_frames: refine.length ? refine[Math.floor((refine.length - 1) / 2)].frames : 0,
    refine_max_frame_ms: refine.length ? stats(refineGaps).max : null,
    refine_runs: refine.length,
    page_errors: errors.length,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, 'dist/nnbundle.js'))) throw new Error('dist/nnbundle.js is missing: run `make build` first');
  const { chromium } = require('playwright-core');
  const netDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnbundle-render-bench-'));
  writeNetwork(netDir);
  const server = await serve(netDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    for (const c of args.cases) {
      if (!(c in CASES)) throw new Error(`unknown case ${c} (known: ${Object.keys(CASES).join(', ')})`);
      for (const engine of args.engines) {
        const name = `render-784-81-49-10-${c}${engine === 'fast' ? '' : `-${engine}`}`;
        const heavy = c === 'p0';
        const runs = args.runs ? { full: args.runs, moving: args.runs, refine: args.runs } : { full: heavy ? 3 : 5, moving: 10, refine: heavy ? 1 : 3 };
        const line = await runCase(browser, `http://127.0.0.1:${server.address().port}/`, name, CASES[c], engine, runs, args.screenshots);
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(netDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
