// nn_vis *_phong.frag (reference/nn_vis.md §8.3): ambient 0.2, clamped diffuse and a weak
// specular, light from (1, 1, 1) in view space.
vec3 nnVisPhong(vec3 rgb, vec3 normal, vec3 ray) {
  vec3 l = normalize(vec3(1.0));
  vec3 diffuse = clamp(rgb * max(dot(normal, l), 0.0), 0.0, 1.0);
  float specular = clamp(0.1 * pow(max(dot(reflect(l, normal), normalize(ray)), 0.0), 4.0), 0.0, 1.0);
  return vec3(0.2) + diffuse + vec3(specular);
}
