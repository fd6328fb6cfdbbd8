#!/usr/bin/env node
'use strict';
// The CLI runs from the compiled library in lib/ (built by `npm run build`, and by `npm ci`
// through the `prepare` script).
const { main } = require('../lib/cli/main.js');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
