/**
 * What every entry point shares and no cloud needs a provider for: the template and environment
 * model, `defineEnvironment`/`defineTableTemplates`, project loading, the policy pack and the engine
 * client settings.
 */
export * from '../model';
export * from '../define';
export * from '../project';
export * from '../policy';
export * from '../clients';
