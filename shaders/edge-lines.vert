// All edge polylines as one indexed GL_LINES draw (reference/performance.md §4). Per point:
// colour and the importance alpha term from color-modes.ts.

// rgb and alpha; alpha < 0 marks a point of a hidden edge (color-modes.ts HIDDEN).
in vec4 aColor;

out vec4 vColor;

void main() {
  if (aColor.a < 0.0) {
    // Both ends of a hidden edge's segments land outside the clip volume: nothing is rasterised.
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  vColor = aColor;
}
