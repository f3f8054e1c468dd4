module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'export-csv',
};
