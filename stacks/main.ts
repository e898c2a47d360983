import { resolve } from 'node:path';
import { loadSynthEntry } from './precompiled';
import { configureSynthesisProcess } from './synthesis-process';

// Entry point of `cdktf synth` (see cdktf.json). Bad input ends with the problem list, not a stack trace.
configureSynthesisProcess();
const entry = loadSynthEntry();
const root = resolve(__dirname, '..');
try {
  entry.synthesizeLakehouse({
    templatesDir: process.env.LAKEHOUSE_TEMPLATES ?? resolve(root, 'table-templates'),
    environmentsDir: process.env.LAKEHOUSE_ENVIRONMENTS ?? resolve(root, 'environments'),
    outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out',
  });
} catch (e) {
  // Invalid input, invalid construct props, failed validations (the policy pack): each message says what to fix.
  if (e instanceof entry.LakehouseValidationError || e instanceof entry.LakehousePropsError || e instanceof entry.LakehouseSynthesisError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
