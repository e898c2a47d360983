import { resolve } from 'node:path';
import { loadSynthEntry } from './precompiled';
import { configureSynthesisProcess } from './synthesis-process';

// Entry point of `cdktf synth` (see cdktf.json). Bad input ends with the problem list, not a stack trace.
configureSynthesisProcess();
const { buildLakehouseApp, LakehouseValidationError } = loadSynthEntry();
const root = resolve(__dirname, '..');
try {
  const app = buildLakehouseApp({
    templatesDir: process.env.LAKEHOUSE_TEMPLATES ?? resolve(root, 'table-templates'),
    environmentsDir: process.env.LAKEHOUSE_ENVIRONMENTS ?? resolve(root, 'environments'),
  });
  app.synth();
} catch (e) {
  if (e instanceof LakehouseValidationError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  // Policy-pack and construct validation failures: their message says what to fix; the stack trace does not.
  if (e instanceof Error && /^Validation failed with the following errors/.test(e.message)) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
