import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/synth';

// Patching cdktf is process-wide, so each case runs in its own process.
function probe(env: Record<string, string> = {}): { creationStack: number; errorStack: string } {
  const script = `
    const { configureSynthesisProcess } = require('./stacks/synthesis-process');
    configureSynthesisProcess();
    const { Lazy, Tokenization } = require('cdktf');
    const token = Tokenization.reverseString(Lazy.stringValue({ produce: () => 'x' })).firstToken;
    let errorStack = '';
    try { JSON.parse('{'); } catch (e) { errorStack = e.stack; }
    process.stdout.write(JSON.stringify({ creationStack: token.creationStack.length, errorStack }));
  `;
  const out = execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LAKEHOUSE_TOKEN_TRACES: '', ...env },
  });
  return JSON.parse(out) as { creationStack: number; errorStack: string };
}

describe('synthesis process settings', () => {
  it('record no creation stack traces on tokens by default, and keep them with LAKEHOUSE_TOKEN_TRACES=1', () => {
    expect(probe().creationStack).toBe(0);
    expect(probe({ LAKEHOUSE_TOKEN_TRACES: '1' }).creationStack).toBeGreaterThan(0);
  });

  it('leave the stack traces of errors as they are', () => {
    const { errorStack } = probe();
    expect(errorStack).toMatch(/^SyntaxError: .*JSON/);
    expect(errorStack).toMatch(/\n {4}at /);
  });
});
