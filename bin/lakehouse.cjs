#!/usr/bin/env node
'use strict';
// Runs the compiled CLI when the package is built (npm pack), else the TypeScript source through tsx.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'dist', 'cli', 'main.js');
let cli;
if (existsSync(compiled)) {
  cli = require(compiled);
} else {
  require('tsx/cjs');
  cli = require(join(__dirname, '..', 'lib', 'cli', 'main.ts'));
}
process.exitCode = cli.runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
