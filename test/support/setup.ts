import fs from 'node:fs';
import { afterAll } from 'vitest';
import { resolvePlainValuesDirectly } from '../../stacks/plain-value-resolve';
import { skipTokenCreationTraces } from '../../stacks/synthesis-process';

// Tests synthesize the way `cdktf synth` does here (stacks/synthesis-process.ts): without a stack
// trace per token, which under vitest's source maps took 40% of the suite's time, and with plain
// values resolved directly (stacks/plain-value-resolve.ts), so every test runs through that path.
skipTokenCreationTraces();
resolvePlainValuesDirectly();

// cdktf's Testing.app() makes a `cdktf.outdir.*` folder in the system temp folder for every app and
// never removes it. mkdtempSync is wrapped once per worker (cdktf looks it up on the fs module at
// every call); after each test file, the folders made so far are removed.
type Wrapped = typeof fs.mkdtempSync & { readonly made: string[] };
function cdktfOutdirs(): string[] {
  const current = fs.mkdtempSync as Partial<Wrapped>;
  if (current.made) return current.made;
  const made: string[] = [];
  const original = fs.mkdtempSync;
  const wrapped = ((prefix: string, options?: fs.EncodingOption) => {
    const dir = original(prefix, options) as string;
    if (prefix.includes('cdktf.outdir.')) made.push(dir);
    return dir;
  }) as Wrapped;
  Object.defineProperty(wrapped, 'made', { value: made });
  fs.mkdtempSync = wrapped;
  return made;
}
const made = cdktfOutdirs();
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
