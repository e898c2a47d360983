export * from './lakehouse-plan';
export * from './storage-paths';
export * from './tiers';
export * from './default-tags';
export * from './pii-columns';
