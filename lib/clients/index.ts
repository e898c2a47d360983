export * from './outputs';
export * from './engine-settings-types';
export * from './glue-engine-settings';
export * from './nessie-engine-settings';
export * from './biglake-engine-settings';
export * from './engine-settings';
export { renderProperties, renderPyIcebergYaml, renderSortedJson } from './render';
export * from './client-files';
export * from './client-readme';
