// Shader sources and the inlined worker bundle are imported as text (webpack asset/source).
declare module '*.vert' { const source: string; export default source; }
declare module '*.frag' { const source: string; export default source; }
declare module '*.glsl' { const source: string; export default source; }
declare module '*.worker-bundle.js' { const source: string; export default source; }
declare module '*.css' { const source: string; export default source; }
declare module '@worker-bundle' { const source: string; export default source; }
