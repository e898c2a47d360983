import { resolvePlainValuesDirectly } from './plain-value-resolve';

/** Which of the synthesis shortcuts applied (each is skipped, not failed, on another cdktf layout). */
export interface SynthesisShortcuts {
  readonly tokenCreationTraces: boolean;
  readonly finalStackResolve: boolean;
  readonly plainValueResolve: boolean;
}

/**
 * Process settings for a synthesis run: the `cdktf synth` launcher (stacks/synth.cjs) calls this
 * first, and the benchmark runs that launcher.
 *
 * cdktf records a full stack trace for every token and every nested attribute object it creates
 * (about 2,000 in the shipped environments, 41,000 at 1,000 Glue tables) and only ever prints one
 * when a token fails to resolve. Capturing and formatting them took 30% of a 1,000-table Glue
 * synthesis (7% of the shipped environments'), so by default they are not recorded;
 * `LAKEHOUSE_TOKEN_TRACES=1` keeps them for debugging such an error. Errors and their stack
 * traces are not affected. Plain values are resolved without cdktf's per-value machinery
 * (plain-value-resolve.ts). Returns which shortcuts applied; none with `LAKEHOUSE_TOKEN_TRACES=1`.
 */
export function configureSynthesisProcess(env: NodeJS.ProcessEnv = process.env): SynthesisShortcuts {
  // Debugging a token: keep the traces, mapped back to the TypeScript sources (which
  // stacks/bundle.cjs then loads instead of the bundle), and cdktf's resolution as it is.
  if (env.LAKEHOUSE_TOKEN_TRACES === '1') return { tokenCreationTraces: false, finalStackResolve: false, plainValueResolve: false };
  // tsx maps every stack trace back to TypeScript, which made each capture costlier still.
  process.setSourceMapsEnabled(false);
  return {
    tokenCreationTraces: skipTokenCreationTraces(),
    finalStackResolve: skipFinalStackResolve(),
    plainValueResolve: resolvePlainValuesDirectly(),
  };
}

const PATCHED = Symbol.for('iceberg-lakehouse-cdktf.skipFinalStackResolve');

type Resolve = (scope: unknown, obj: unknown, preparing?: boolean) => unknown;

/**
 * cdktf's `TerraformStack.toTerraform()` resolves every element, merges the resolved fragments and
 * then resolves the merged tree once more: a full walk of the stack's JSON (a tenth of a synthesis
 * of the shipped environments) that can only change something when the stack has raw overrides
 * (`stack.addOverride`), which may hold tokens. Without them that last pass is skipped; the output
 * is the same (test/stacks/synthesis-process.test.ts). cdktf 0.21 looks `resolve` up on its module
 * at each call, so the pass is recognised as the one call whose value is the merged tree (the only
 * value with the top-level `//` metadata key). Returns whether it applied.
 */
export function skipFinalStackResolve(): boolean {
  let tokens: { resolve?: Resolve };
  let TerraformStack: { prototype: { toTerraform(): unknown; [PATCHED]?: true } };
  try {
    /* eslint-disable @typescript-eslint/no-require-imports */
    tokens = require('cdktf/lib/_tokens') as typeof tokens;
    ({ TerraformStack } = require('cdktf') as unknown as { TerraformStack: typeof TerraformStack });
    /* eslint-enable @typescript-eslint/no-require-imports */
  } catch {
    return false;
  }
  const resolve = tokens.resolve;
  if (typeof resolve !== 'function') return false;
  const proto = TerraformStack.prototype;
  if (proto[PATCHED]) return true;
  const toTerraform = proto.toTerraform;
  proto.toTerraform = function (this: { rawOverrides?: object }): unknown {
    if (Object.keys(this.rawOverrides ?? {}).length > 0) return toTerraform.call(this);
    tokens.resolve = (scope, obj, preparing) => (isMergedStack(obj) ? obj : resolve(scope, obj, preparing));
    try {
      return toTerraform.call(this);
    } finally {
      tokens.resolve = resolve;
    }
  };
  proto[PATCHED] = true;
  return true;
}

function isMergedStack(obj: unknown): boolean {
  return typeof obj === 'object' && obj !== null && !Array.isArray(obj) && Object.hasOwn(obj, '//');
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
  // The probe: a token made through the public API records no trace.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Lazy, Tokenization } = require('cdktf') as typeof import('cdktf');
  return Tokenization.reverseString(Lazy.stringValue({ produce: () => '' })).firstToken?.creationStack.length === 0;
}
