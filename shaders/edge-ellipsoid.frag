// nn_vis ellipsoid_transparent.frag (reference/nn_vis.md §8.1, §8.4): the ray meets the ellipsoid
// in the frame where it is a unit sphere; "density" is the cosine between the ray and the inward
// normal there (the normalised chord: half the chord of a unit sphere), alpha is nn_vis's formula,
// the colour is pre-mixed with the background for MIN/MAX blending.
// Prepended: chunks/nn-vis-opacity.glsl.

in vec3 vRay;
flat in vec3 vEye;
flat in vec4 vColor;

out vec4 fragColor;

void main() {
  // In the unit-sphere frame the ray is vEye + t·vRay (t as in view space, where the ray's z
  // component is −1). Solved around the ray's closest approach to the centre, so thin ellipsoids
  // far away keep their precision in float32.
  float rr = dot(vRay, vRay);
  float tc = -dot(vEye, vRay) / rr;
  vec3 m = vEye + tc * vRay;
  float miss = dot(m, m);
  if (miss >= 1.0) discard;
  float density = sqrt(1.0 - miss);
  // View z of the front hit: −t, as the view-space ray has z = −1.
  float viewZ = density * inversesqrt(rr) - tc;
  fragColor = premixWithBackground(vColor.rgb, nnVisAlpha(vColor.a, viewZ, density));
}
