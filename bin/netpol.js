#!/usr/bin/env node
'use strict';
// The CLI runs from the compiled library in lib/ (built by `npm run build`, and by `npm ci`
// through the `prepare` script).
const { main } = require('../lib/cli/main.js');
const { ignoreClosedReader } = require('../lib/cli/closed-output.js');

// `netpol diff | head`: a reader that goes away early ends nothing but the output.
ignoreClosedReader(process.stdout);
ignoreClosedReader(process.stderr);

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
