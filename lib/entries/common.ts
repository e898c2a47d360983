/**
 * What every entry point shares and no cloud needs a provider for: the template and environment
 * model, `defineEnvironment`/`defineTableTemplates`, project loading, the resolved plan, the policy
 * pack and the engine client settings.
 *
 * Values are listed one by one (docs/library.md, "Exported names"; a test keeps the two equal), so
 * internal helpers stay internal; every type of these folders is exported.
 */
export * from './model';
export type * from '../define';
export type * from '../project';
export type * from '../policy';
export type * from '../clients';
export type * from '../plan';
export type * from '../errors';

export { defineEnvironment, defineTableTemplates } from '../define';
export { loadProject, checkProject, lakehouseProblems } from '../project';
export { planLakehouse, tablePlan, ACCESS_TIERS, TIER_RIGHTS, lakehouseDefaultTags } from '../plan';
export { LakehousePropsError } from '../errors';
export { applyPolicyPack, evaluatePolicyPack, formatFinding, POLICY_RULES, checkovSkipsFor, globalSkipsOf } from '../policy';
export { engineSettings, clientFiles, icebergTableSchemas, CLIENT_OUTPUTS } from '../clients';
