import type { CallLog } from './call-log';
import type { SandboxKnobs } from './knobs';
import type { SandboxOptions } from './sandbox-options';

/** What every fake vendor shares: its options, the knobs, the call log and the clock. */
export interface FakeContext {
  options: SandboxOptions;
  knobs: SandboxKnobs;
  calls: CallLog;
  now: () => number;
}
