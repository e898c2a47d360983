export * from './drift-tables';
export * from './glue-table-change-alarm';
export * from './lakehouse-drift';
export * from './scheduled-invocation';
export * from './schema-drift-check';
