// nn_vis sphere_transparent.frag (reference/nn_vis.md §8.2, §8.4): the ray-cast sphere's colour
// pre-mixed with the background by the opacity formula, for MIN (light) or MAX (dark) blending
// with the depth test off. Prepended: chunks/sphere-ray.glsl, chunks/nn-vis-opacity.glsl.

flat in vec4 vColor;

out vec4 fragColor;

void main() {
  vec3 dir = spriteRay();
  vec2 hit = hitSphere(dir);
  fragColor = premixWithBackground(vColor.rgb, nnVisAlpha(vColor.a, hit.x * dir.z, hit.y));
}
