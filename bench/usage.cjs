'use strict';
// Preloaded into every node process of a measured run (NODE_OPTIONS=--require): at exit, appends
// the process's peak RSS and CPU time as one JSON line to LAKEHOUSE_BENCH_USAGE, so the benchmark
// measures the app exactly as cdktf runs it, without code of its own in the app.
const { appendFileSync } = require('node:fs');

const file = process.env.LAKEHOUSE_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(file, `${JSON.stringify({ maxRssKb: u.maxRSS, cpuMicros: u.userCPUTime + u.systemCPUTime })}\n`);
  });
}
