// Jest transform that imports GLSL shader files as strings, as webpack's asset/source does.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};
