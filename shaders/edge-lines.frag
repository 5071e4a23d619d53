// Line colour. nn_vis's Line mode is opaque (depth test on, no blending). With TRANSPARENT_LINES
// (the level of detail for the transparent modes) the line is pre-mixed like a ray-cast edge seen
// through its centre, so the moving picture keeps the still one's look.
// Prepended: chunks/nn-vis-opacity.glsl.

flat in vec4 vColor;
in float vViewZ;

out vec4 fragColor;

void main() {
#ifdef TRANSPARENT_LINES
  fragColor = premixWithBackground(vColor.rgb, nnVisAlpha(vColor.a, vViewZ, 1.0));
#else
  fragColor = vec4(vColor.rgb, 1.0);
#endif
}
