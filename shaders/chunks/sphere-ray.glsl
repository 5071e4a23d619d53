// Fragment-side helper for sphere impostors on point sprites: the view-space ray through this
// fragment and its intersection with the sphere (nn_vis sphere impostors, reference/nn_vis.md §8.1).

uniform mat4 projectionMatrix;

flat in vec2 vSpriteCentre;
flat in vec2 vSpriteHalf;
flat in vec3 vSphereCentre;
flat in float vSphereRadius;

// The ray direction (from the eye at the view-space origin) through this fragment.
vec3 spriteRay() {
  // gl_PointCoord runs top to bottom; NDC y runs bottom to top.
  vec2 ndc = vSpriteCentre + vec2(2.0 * gl_PointCoord.x - 1.0, 1.0 - 2.0 * gl_PointCoord.y) * vSpriteHalf;
  return vec3(ndc.x / projectionMatrix[0][0], ndc.y / projectionMatrix[1][1], -1.0);
}

// Intersects `dir` with the sphere: returns (t of the front hit, normalised chord) or discards.
// The chord |back − front| / 2r is nn_vis's "density": 1 through the centre, 0 at the rim.
// Solved around the ray's closest approach to the centre, so small spheres far away keep their
// precision in float32.
vec2 hitSphere(vec3 dir) {
  float a = dot(dir, dir);
  float tc = dot(dir, vSphereCentre) / a;
  vec3 h = tc * dir - vSphereCentre;
  float r2 = vSphereRadius * vSphereRadius;
  float miss = dot(h, h);
  if (miss >= r2) discard;
  float halfChord = sqrt(r2 - miss);
  return vec2(tc - halfChord / sqrt(a), halfChord / vSphereRadius);
}

// gl_FragDepth of a view-space point, so opaque impostors intersect correctly.
float fragDepthOf(vec3 p) {
  vec4 clip = projectionMatrix * vec4(p, 1.0);
  return clamp(0.5 * clip.z / clip.w + 0.5, 0.0, 1.0);
}
