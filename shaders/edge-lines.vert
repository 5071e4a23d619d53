// Edge segments as GL_LINES (nn_vis edge mode Line, and the level of detail while the camera
// moves), drawn from the segment buffers (segment-buffers.ts) through an index that names a
// segment's corner 0 (at A) and a segment's corner 1 (at B): the same segment for nn_vis's lines,
// the first and last of a run of segments for the coarse lines of the level of detail.

// Segment end points A → B, world units.
in vec3 aA;
in vec3 aB;
// Segment colour (rgb) and alpha term w, 0..1.
in vec4 aColor;
// 0 when the edge is hidden.
in float aImp;

flat out vec4 vColor;
out float vViewZ;

void main() {
  if (aImp == 0.0) {
    // Both ends of a hidden segment land outside the clip volume: nothing is rasterised.
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  vec4 view = modelViewMatrix * vec4((gl_VertexID & 1) == 0 ? aA : aB, 1.0);
  gl_Position = projectionMatrix * view;
  vColor = aColor;
  vViewZ = view.z;
}
