import { skipTokenCreationTraces } from '../../stacks/synthesis-process';

// Tests synthesize the way `cdktf synth` does here (stacks/synthesis-process.ts): without a stack
// trace per token, which under vitest's source maps took 40% of the suite's time.
skipTokenCreationTraces();
