#!/usr/bin/env node
// @ts-check
'use strict';
// The app `cdktf synth` runs (cdktf.json): plain node, no tsx on the way. The library and stacks
// come from the precompiled bundle (stacks/bundle.cjs), rebuilt when a source changed.
const { resolve } = require('node:path');
const { loadSynthEntry } = require('./bundle.cjs');

let entry;
try {
  entry = loadSynthEntry(process.env, undefined, undefined, { writeCodeCache: true });
} catch (e) {
  process.stderr.write(`lakehouse: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
entry.configureSynthesisProcess(process.env);
process.exitCode = entry.synthesizeFromEnvironment(resolve(__dirname, '..'), process.env);
