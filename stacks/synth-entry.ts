// What the synthesis entry point needs from the library, as one module: stacks/precompiled.ts
// bundles it, so the error classes the entry point checks come from the same copy as the app.
export { buildLakehouseApp, synthesizeLakehouse, synthesizeLakehouseApp } from './app';
export { LakehouseValidationError } from '../lib/model';
export { LakehousePropsError } from '../lib/errors';
export { LakehouseSynthesisError } from '../lib/stack/app-validation';
