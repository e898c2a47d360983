export * from './lakehouse-storage-ref';
export * from './lakehouse-key';
export * from './lakehouse-bucket';
export * from './audit-trail';
export * from './access-denied-alarm';
export * from './private-bucket';
export * from './bucket-policy-statements';
export * from './storage-names';
