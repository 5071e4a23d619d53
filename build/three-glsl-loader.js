/**
 * webpack loader for three.js's WebGL build (node_modules/three/build/three.module.js): minifies
 * the GLSL of its built-in shader chunks (glsl-minify.js), which three ships indented and spaced
 * for reading. Two forms are rewritten, both as they appear in three's rollup output:
 *   - a shader chunk or ShaderLib program, one line each: `var name = "…GLSL…";` (or `const`)
 *   - a template literal marked `/* glsl *\/` with no `${}` and no escapes.
 * Nothing else in the file changes. A three.js release that stops matching the first form fails the
 * build, so an upgrade cannot silently bring the whitespace back.
 */
'use strict';
const { minifyGlsl } = require('./glsl-minify');

const CHUNK = /^(var|const) ([A-Za-z_$][\w$]*) = ("(?:[^"\\\n]|\\.)*");$/gm;
const MARKED_TEMPLATE = /\/\* glsl \*\/(\s*)`([^`$\\]*)`/g;

/**
 * @param {string} source three.module.js
 * @returns {{ code: string, chunks: number, templates: number }}
 */
function minifyThreeShaders(source) {
  let chunks = 0;
  let templates = 0;
  let code = source.replace(CHUNK, (match, keyword, name, literal) => {
    const text = JSON.parse(literal);
    // Only GLSL: a chunk is multi-line (one-line strings in three are not shaders).
    if (!text.includes('\n')) return match;
    chunks += 1;
    return `${keyword} ${name} = ${JSON.stringify(minifyGlsl(text))};`;
  });
  code = code.replace(MARKED_TEMPLATE, (match, space, text) => {
    templates += 1;
    return `/* glsl */${space}${JSON.stringify(minifyGlsl(text))}`;
  });
  return { code, chunks, templates };
}

module.exports = function threeGlslLoader(source) {
  const { code, chunks } = minifyThreeShaders(source);
  if (chunks === 0) throw new Error(`three-glsl-loader: no shader chunks found in ${this.resourcePath}; has three's build format changed?`);
  return code;
};
module.exports.minifyThreeShaders = minifyThreeShaders;
