module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'spec-extract',
};
