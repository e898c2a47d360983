export * from './drift-tables';
export * from './glue-table-change-alarm';
export * from './scheduled-invocation';
export * from './schema-drift-check';
