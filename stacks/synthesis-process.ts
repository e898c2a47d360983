/**
 * Process settings for a synthesis run: the `cdktf synth` entry point (stacks/main.ts) and the
 * benchmark call this first, so both measure the same thing.
 *
 * cdktf records a full stack trace for every token and every nested attribute object it creates
 * (about 2,000 in the shipped environments, 41,000 at 1,000 Glue tables) and only ever prints one
 * when a token fails to resolve. Capturing and formatting them took 30% of a 1,000-table Glue
 * synthesis (7% of the shipped environments'), so by default they are not recorded;
 * `LAKEHOUSE_TOKEN_TRACES=1` keeps them for debugging such an error. Errors and their stack
 * traces are not affected.
 */
export function configureSynthesisProcess(env: NodeJS.ProcessEnv = process.env): void {
  // Debugging a token: keep the traces, mapped back to the TypeScript sources (which
  // stacks/precompiled.ts then loads instead of the bundle).
  if (env.LAKEHOUSE_TOKEN_TRACES === '1') return;
  // tsx maps every stack trace back to TypeScript, which made each capture costlier still.
  process.setSourceMapsEnabled(false);
  skipTokenCreationTraces();
}

/**
 * Makes cdktf's creation-trace helper return no frames. Every caller in cdktf 0.21 looks the
 * helper up on its module at each call, so replacing the export is enough. Returns whether it
 * applied: with another cdktf layout nothing changes and synthesis is only slower.
 */
export function skipTokenCreationTraces(): boolean {
  let traces: { captureStackTrace?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    traces = require('cdktf/lib/tokens/private/stack-trace') as typeof traces;
  } catch {
    return false;
  }
  if (typeof traces.captureStackTrace !== 'function') return false;
  traces.captureStackTrace = (): string[] => [];
  return true;
}
