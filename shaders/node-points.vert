// Nodes as GL_POINTS sphere impostors, all nodes in one draw call (reference/performance.md §4:
// software WebGL pays ~14 µs per instance, one point list does not). three.js (ShaderMaterial,
// GLSL3) prepends the version, precision, the matrices and `in vec3 position`.

// Drawing-buffer pixels per world unit at view distance 1: height / (2·tan(fov/2)).
uniform float uPixelsPerUnit;
// Largest point size the context supports (ALIASED_POINT_SIZE_RANGE).
uniform float uMaxPointSize;

// Display colour; alpha < 0 marks a hidden node (color-modes.ts HIDDEN).
in vec4 aColor;
// Sphere radius in world units: node_object_radius · ‖importance‖ (nn_vis §8.1).
in float aRadius;

out vec3 vColor;
out vec3 vCenterView;
out float vRadius;

void main() {
  vec4 view = modelViewMatrix * vec4(position, 1.0);
  if (aColor.a < 0.0 || aRadius <= 0.0 || view.z >= 0.0) {
    // Outside the clip volume: the point is dropped before rasterisation.
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    return;
  }
  gl_Position = projectionMatrix * view;
  gl_PointSize = clamp(2.0 * aRadius * uPixelsPerUnit / -view.z, 2.0, uMaxPointSize);
  vColor = aColor.rgb;
  vCenterView = view.xyz;
  vRadius = aRadius;
}
