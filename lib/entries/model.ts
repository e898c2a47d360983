/**
 * `iceberg-lakehouse-cdktf/model`: templates and environments without any construct or provider
 * (for pipelines and tools). Values are listed one by one (docs/library.md); every type is exported.
 */
export type * from '../model';

export {
  loadTableTemplates,
  checkTableTemplates,
  parseTableTemplate,
  loadEnvironments,
  checkEnvironments,
  parseEnvironment,
  TABLE_TEMPLATE_SCHEMA,
  ENVIRONMENT_SCHEMA,
  restrictedColumns,
  parseIcebergType,
  printIcebergType,
  IcebergTypeSyntaxError,
  toGlueType,
  toBigQueryField,
  toIcebergTableJson,
  lakehouseNames,
  resourcePrefix,
  LakehouseValidationError,
  formatProblem,
} from '../model';
