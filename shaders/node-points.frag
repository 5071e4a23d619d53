// Opaque sphere impostor on a point sprite: the exact node colour at the centre, darkening towards
// the rim so that touching spheres stay apart, and the depth of the sphere's front surface so that
// edges ending inside a node are hidden by it.

uniform mat4 projectionMatrix;

in vec3 vColor;
in vec3 vCenterView;
in float vRadius;

out vec4 fragColor;

// Share of the colour kept at the rim (the centre keeps all of it).
const float RIM_SHADE = 0.55;

void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  p.y = -p.y;
  float r2 = dot(p, p);
  if (r2 > 1.0) discard;
  float nz = sqrt(1.0 - r2);
  fragColor = vec4(vColor * mix(RIM_SHADE, 1.0, nz), 1.0);
  vec4 clip = projectionMatrix * vec4(vCenterView + vRadius * vec3(p, nz), 1.0);
  gl_FragDepth = clamp(0.5 * clip.z / clip.w + 0.5, 0.0, 1.0);
}
