// nn_vis's transparency (reference/nn_vis.md §8.2, §8.4): the opacity formula of its
// *_transparent.frag shaders and the pre-mix with the background that makes MIN (light) or MAX
// (dark) blending order independent. Included by every transparent fragment shader.

// (base_opacity, importance_opacity, depth_opacity, opacity_exponent) of the layer drawn.
uniform vec4 uOpacity;
// View-space z of the nearest and farthest corner of the depth box (depth-range.ts); near > far.
uniform vec2 uDepthRange;
// Clear colour: white (light theme, MIN blending) or near-black (dark theme, MAX blending).
uniform vec3 uBackground;

// density^exponent. SwiftShader's pow costs about as much as the rest of an ellipsoid fragment;
// nn_vis's default exponents (0.25 edges, 0.5 nodes) and 1 are square roots or nothing.
float densityPower(float density) {
  float e = uOpacity.w;
  if (e == 0.25) return sqrt(sqrt(density));
  if (e == 0.5) return sqrt(density);
  if (e == 1.0) return density;
  // pow(0, e) is undefined in GLSL; the rim contributes nothing either way.
  return pow(max(density, 1e-6), e);
}

// nn_vis: a = [(1 − io) + io·w]·[(1 − do) + do·rel_depth]·density^exp·(1 − bo) + bo, where w is the
// per-object alpha term and rel_depth is 1 at the near and 0 at the far box corner (not clamped,
// as in nn_vis). `density` is the normalised chord through the primitive, 1 at its centre.
float nnVisAlpha(float w, float viewZ, float density) {
  float relDepth = (viewZ - uDepthRange.y) / (uDepthRange.x - uDepthRange.y);
  float opa = clamp(densityPower(density), 0.0, 1.0);
  float importanceTerm = (1.0 - uOpacity.y) + uOpacity.y * w;
  float depthTerm = (1.0 - uOpacity.z) + uOpacity.z * relDepth;
  return importanceTerm * depthTerm * opa * (1.0 - uOpacity.x) + uOpacity.x;
}

// nn_vis pre-mixes with white by alpha (rgb·a + 1 − a); the dark theme mirrors it with its own
// background. A negative alpha pushes the colour past the background, which the 8-bit target
// clamps to it: the fragment vanishes, nn_vis's soft threshold.
vec4 premixWithBackground(vec3 rgb, float a) {
  return vec4(rgb * a + uBackground * (1.0 - a), a);
}

// Whether an object with colour and alpha term `color` can change an 8-bit pixel at all when its
// nearest point is at view z `nearestZ`: its alpha peaks there (density 1). Vertex shaders use it
// to skip objects that nn_vis would draw invisibly (e.g. importance_opacity > 1 makes small alpha
// terms negative), which saves their fragments without changing the picture.
bool canShow(vec4 color, float nearestZ) {
  float peak = nnVisAlpha(color.a, nearestZ, 1.0);
  vec3 reach = abs(color.rgb - uBackground);
  return peak * max(reach.r, max(reach.g, reach.b)) >= 0.5 / 255.0;
}
