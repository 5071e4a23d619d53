/**
 * webpack plugin: fails a minified build whose `asset` is larger than `maxBytes`, so the widget
 * bundle cannot grow past its limit unnoticed. Unminified (development) builds are not checked.
 * Production builds do not emit assets when a compilation has errors, so an oversized bundle
 * never reaches dist/.
 */
'use strict';
const { Compilation, WebpackError } = require('webpack');

class BundleSizeLimit {
  /** @param {{ asset: string, maxBytes: number }} options */
  constructor({ asset, maxBytes }) {
    this.asset = asset;
    this.maxBytes = maxBytes;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('BundleSizeLimit', (compilation) => {
      // After minification (OPTIMIZE_SIZE), when sizes are final.
      compilation.hooks.processAssets.tap({ name: 'BundleSizeLimit', stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, () => {
        if (!compiler.options.optimization.minimize) return;
        const asset = compilation.getAsset(this.asset);
        if (asset === undefined) return;
        const bytes = asset.source.size();
        if (bytes > this.maxBytes) {
          compilation.errors.push(
            new WebpackError(
              `${this.asset} is ${bytes.toLocaleString('en')} bytes minified, over its limit of ${this.maxBytes.toLocaleString('en')} ` +
                `(webpack.config.js). Find what grew with \`npx webpack --mode production --config-name worker --config-name widget --json\`.`,
            ),
          );
        }
      });
    });
  }
}

module.exports = { BundleSizeLimit };
