// Builds the widget as ONE ES module (dist/nnbundle.js) for anywidget's `_esm`.
// The worker is built first as a classic script (dist/compute.worker-bundle.js) and inlined
// into the widget as text; the widget starts it from a Blob URL. No code splitting.
// Size: the minified widget bundle (worker included) must stay under WIDGET_MAX_BYTES; a production
// build over it fails (build/bundle-size-limit.js). GLSL, the project's and three.js's, is minified
// at build time (build/glsl-minify.js).
const path = require('path');
const { BundleSizeLimit } = require('./build/bundle-size-limit');

/** The widget bundle's hard limit, minified (docs: 900 KB; also `must_bytes` in bench/run.ts). */
const WIDGET_MAX_BYTES = 900_000;

const tsRule = { test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true }, exclude: /node_modules/ };
const shaderRule = { test: /\.(vert|frag|glsl)$/, type: 'asset/source', loader: path.resolve(__dirname, 'build/glsl-loader.js') };
// three.js's built-in shader chunks ship indented and spaced; only their whitespace changes.
const threeShaderRule = { test: /[\\/]node_modules[\\/]three[\\/]build[\\/]three\.module\.js$/, loader: path.resolve(__dirname, 'build/three-glsl-loader.js') };
const resolve = { extensions: ['.ts', '.js'] };
// Terser as webpack configures it (compress passes: 2), without webpack's default for ES-module
// libraries of keeping /*@__PURE__*/ annotations: nothing re-bundles the widget, anywidget loads it.
const optimization = { minimizeOptions: { javascript: { compress: { passes: 2 }, format: {} } } };

const worker = {
  name: 'worker',
  target: 'webworker',
  entry: './src/workers/compute.worker.ts',
  output: { path: path.resolve(__dirname, 'dist'), filename: 'compute.worker-bundle.js' },
  module: { rules: [tsRule] },
  resolve,
  optimization,
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
    rules: [tsRule, shaderRule, threeShaderRule, { test: /\.worker-bundle\.js$/, type: 'asset/source' }, { test: /\.css$/, type: 'asset/source' }],
  },
  resolve: { ...resolve, alias: { '@worker-bundle': path.resolve(__dirname, 'dist/compute.worker-bundle.js') } },
  optimization: { ...optimization, splitChunks: false },
  plugins: [new BundleSizeLimit({ asset: 'nnbundle.js', maxBytes: WIDGET_MAX_BYTES })],
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
