// Edge colour with the importance term as alpha, composited with normal alpha blending.

in vec4 vColor;

out vec4 fragColor;

void main() {
  fragColor = vec4(vColor.rgb, clamp(vColor.a, 0.0, 1.0));
}
