// Edge segments as ray-cast ellipsoid impostors (nn_vis Ellipsoid_Transparent, reference/nn_vis.md
// §8.1) without a geometry shader or instancing: every segment is four vertices of one merged,
// non-instanced buffer (segment-buffers.ts), all carrying the same segment data; gl_VertexID & 3
// says which corner of a screen-space quad this vertex is. The quad bounds the ellipsoid's
// projection; the fragment shader casts the ray. Prepended: chunks/nn-vis-opacity.glsl.

// Viewport size in drawing-buffer pixels.
uniform vec2 uViewport;
// edge_object_radius (world units per unit of imp).
uniform float uObjectRadius;

// Segment end points A → B, world units.
in vec3 aA;
in vec3 aB;
// Segment colour (rgb) and alpha term w, 0..1.
in vec4 aColor;
// imp = lerp(‖start‖, ‖end‖)·α, negative on an edge's end segments, 0 when the edge is hidden.
in float aImp;

// The ray through this corner in the ellipsoid's unit-sphere frame (affine in screen space, so
// interpolation is exact), and the eye's position in that frame.
out vec3 vRay;
flat out vec3 vEye;
flat out vec4 vColor;

void hide() {
  gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}

// Maps a view-space vector into the frame where the ellipsoid (semi-axes semiLong along `axis`,
// r across) is the unit sphere.
vec3 unitFrame(vec3 v, vec3 axis, float semiLong, float r) {
  float along = dot(v, axis);
  return (v - along * axis) / r + (along / semiLong) * axis;
}

void main() {
  float imp = abs(aImp);
  float r = uObjectRadius * imp;
  vec3 a = (modelViewMatrix * vec4(aA, 1.0)).xyz;
  vec3 b = (modelViewMatrix * vec4(aB, 1.0)).xyz;
  float len = length(b - a);
  // nn_vis vs_edge: long semi-axis (|AB|/2)·(1 + 1.5·imp) + r; the stretch is 1 on an edge's
  // first and last segment so the ellipsoids do not poke out of the nodes.
  float stretch = aImp < 0.0 ? 1.0 : 1.0 + 1.5 * imp;
  float semiLong = 0.5 * len * stretch + r;
  // nn_vis draws a segment only when its long semi-axis exceeds r.
  if (r <= 0.0 || semiLong <= r) {
    hide();
    return;
  }
  vec3 centre = 0.5 * (a + b);
  vec3 axis = (b - a) / len;
  // The ellipsoid lies inside the capsule of radius r around centre ± (semiLong − r)·axis.
  vec3 p0 = centre - (semiLong - r) * axis;
  vec3 p1 = centre + (semiLong - r) * axis;
  float d0 = -p0.z;
  float d1 = -p1.z;
  if (min(d0, d1) - r <= 1e-3) {
    hide();
    return;
  }
  // Skip segments too faint to change an 8-bit pixel anywhere: alpha is largest through the
  // centre (density 1) at the nearest depth the capsule reaches.
  if (!canShow(aColor, max(p0.z, p1.z) + r)) {
    hide();
    return;
  }
  // Pixels per unit of x/depth (equal in x and y for square pixels).
  float focal = projectionMatrix[1][1] * 0.5 * uViewport.y;
  vec2 s0 = p0.xy / d0 * focal;
  vec2 s1 = p1.xy / d1 * focal;
  // A sphere of radius r at p projects within f·r·|p| / (d·(d − r)) pixels of p's projection;
  // half a pixel more covers every pixel centre it touches.
  float e = focal * r * max(length(p0) / (d0 * (d0 - r)), length(p1) / (d1 * (d1 - r))) + 0.5;
  vec2 along = s1 - s0;
  float span = length(along);
  vec2 du = span > 1e-4 ? along / span : vec2(1.0, 0.0);
  vec2 dn = vec2(-du.y, du.x);
  int corner = gl_VertexID & 3;
  vec2 px = (corner == 1 || corner == 2 ? s1 + e * du : s0 - e * du) + (corner >= 2 ? e : -e) * dn;
  vec2 ndc = px / (0.5 * uViewport);
  gl_Position = vec4(ndc, 0.0, 1.0);
  // The view-space ray through this corner is (ndc.x / P00, ndc.y / P11, −1).
  vRay = unitFrame(vec3(ndc.x / projectionMatrix[0][0], ndc.y / projectionMatrix[1][1], -1.0), axis, semiLong, r);
  vEye = unitFrame(-centre, axis, semiLong, r);
  vColor = aColor;
}
