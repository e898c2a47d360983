export * from './model';
export { analyzeAccess, type AnalyzeOptions } from './analyze';
export { reportJson, reportText, formatViolation, formatAccepted } from './format';
export { TIER_TAG } from './aws-principals';
export { SERVICE_ACCOUNT_TIER_MARKER } from './gcp-access';
export { WRITER_ALTER_FORCED_BY } from './tier-rules';
