/**
 * `npm run build` step: writes every function's bundle to dist/functions/<name>/index.js, so an
 * installed package (which has neither the TypeScript sources of functions/ nor esbuild) deploys
 * the same code a checkout builds at synthesis.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleFunction, functionPrebuiltPath, FUNCTIONS, packageRoot } from '../lib/aws/provisioning/function-bundle';

const root = packageRoot(__dirname);
for (const fn of FUNCTIONS) {
  const target = join(root, functionPrebuiltPath(fn));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bundleFunction(root, fn));
  process.stdout.write(`wrote ${functionPrebuiltPath(fn)}\n`);
}
