/**
 * webpack loader for shaders/ (.vert, .frag, .glsl): the text minified by glsl-minify.js. The
 * rule's `asset/source` type then inlines it as a string, as before.
 */
'use strict';
const { minifyGlsl } = require('./glsl-minify');

module.exports = function glslLoader(source) {
  return minifyGlsl(source);
};
