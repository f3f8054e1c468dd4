/* global afterAll */
// Runs in every test file. The reference SDK (loaded by the differential and compatibility tests)
// watches ~/.genesyscloudjavascript/config with fs.watchFile and never stops; its callback then
// requires files after jest has torn the test environment down. Stop every watcher on that path
// when a test file ends (ours are closed by the tests themselves).
const { unwatchFile } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');

afterAll(() => {
  unwatchFile(join(homedir(), '.genesyscloudjavascript', 'config'));
});
