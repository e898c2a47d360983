#!/usr/bin/env node
'use strict';
// In a checkout of this repository, run the TypeScript source through tsx, so a stale dist/ left by
// a build can never answer for the current code; an installed package ships only dist/ (no lib/).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const source = join(__dirname, '..', 'lib', 'cli', 'main.ts');
let cli;
if (existsSync(source)) {
  require('tsx/cjs');
  cli = require(source);
} else {
  cli = require(join(__dirname, '..', 'dist', 'cli', 'main.js'));
}
process.exitCode = cli.runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
