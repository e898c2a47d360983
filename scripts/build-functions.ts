/**
 * `npm run build` step: writes the table-provisioning function's bundle to
 * dist/functions/table-provisioner/index.js, so an installed package (which has neither the
 * TypeScript sources of functions/ nor esbuild) deploys the same code a checkout builds at synthesis.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleTableProvisioner, packageRoot, TABLE_PROVISIONER_PREBUILT } from '../lib/aws/provisioning/function-bundle';

const root = packageRoot(__dirname);
const target = join(root, TABLE_PROVISIONER_PREBUILT);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, bundleTableProvisioner(root));
process.stdout.write(`wrote ${TABLE_PROVISIONER_PREBUILT}\n`);
