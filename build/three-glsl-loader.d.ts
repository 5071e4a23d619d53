// Types for tests; webpack uses the module itself as a loader (its module.exports is the loader function).
/** three.module.js with the GLSL of its shader chunks and marked templates minified, and how many of each. */
export function minifyThreeShaders(source: string): { code: string; chunks: number; templates: number };
