// Builds the widget as ONE ES module (dist/nnbundle.js) for anywidget's `_esm`.
// The worker is built first as a classic script (dist/compute.worker-bundle.js) and inlined
// into the widget as text; the widget starts it from a Blob URL. No code splitting.
const path = require('path');

const tsRule = { test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true }, exclude: /node_modules/ };
const shaderRule = { test: /\.(vert|frag|glsl)$/, type: 'asset/source' };
const resolve = { extensions: ['.ts', '.js'] };

const worker = {
  name: 'worker',
  target: 'webworker',
  entry: './src/workers/compute.worker.ts',
  output: { path: path.resolve(__dirname, 'dist'), filename: 'compute.worker-bundle.js' },
  module: { rules: [tsRule] },
  resolve,
  devtool: false,
  performance: { hints: false },
};

const widget = {
  name: 'widget',
  dependencies: ['worker'],
  target: 'web',
  entry: './src/index.ts',
  experiments: { outputModule: true },
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: 'nnbundle.js',
    library: { type: 'module' },
    chunkFormat: 'module',
  },
  module: {
    rules: [tsRule, shaderRule, { test: /\.worker-bundle\.js$/, type: 'asset/source' }, { test: /\.css$/, type: 'asset/source' }],
  },
  resolve: { ...resolve, alias: { '@worker-bundle': path.resolve(__dirname, 'dist/compute.worker-bundle.js') } },
  optimization: { splitChunks: false },
  devtool: false,
  performance: { hints: false },
};

// Only for `make bench`: the page side of the Chromium bundling benchmark.
const bench = {
  ...widget,
  name: 'bench',
  entry: './bench/chromium/bundle-page.ts',
  output: { path: path.resolve(__dirname, 'dist'), filename: 'bench-bundle.js', module: true, chunkFormat: 'module' },
};

module.exports = [worker, widget, bench];
