/** The GLSL `source` without comments and needless whitespace, token for token the same program. */
export function minifyGlsl(source: string): string;
