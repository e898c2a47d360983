#!/usr/bin/env node
'use strict';
// Prints the plain closing line CI reads ("N passed, N failed[, N skipped]") from vitest's JSON report.
const { readFileSync } = require('node:fs');

const file = process.argv[2] || 'test-results/vitest.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.log('0 passed, 1 failed');
  console.error(`test summary: cannot read ${file}: ${e.message}`);
  process.exit(1);
}
const skipped = (report.numPendingTests || 0) + (report.numTodoTests || 0);
// A suite that fails to load counts as a failure even though it ran no test.
const failedSuites = (report.testResults || []).filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
const failed = report.numFailedTests + failedSuites;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
