// The load generator's public surface (docs/load.md). The command itself is `pitboss load`
// (runLoadCommand); the rest is for scripts and the capacity benchmark.

export { runLoad, runLoadCommand } from './cli.js';
export { LoadRun, type LoadRunConfig, type RunEnd } from './load-run.js';
export { startLocalNode, type LocalNode, type LocalNodeOptions } from './local-node.js';
export {
  DEFAULTS,
  LIMITS,
  LoadOptionsError,
  parseLoadArgs,
  resolveLoadOptions,
  type LoadGame,
  type LoadOptions,
} from './options.js';
export { planRun, type RunPlan, type TablePlan } from './plan.js';
export { buildReport, phaseReport, type LoadReport, type PhaseReport, type ServerUse } from './report.js';
export { renderReportHtml } from './report-html.js';
export { fetchChipAudit, judge, type VerifyResult } from './verify.js';
export { parseThinkSpec, type ThinkSpec } from './think-time.js';
