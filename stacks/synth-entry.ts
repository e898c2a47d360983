// What the synthesis entry point needs from the library, as one module: stacks/precompiled.ts
// bundles it, so the error class the entry point checks comes from the same copy as the app.
export { buildLakehouseApp } from './app';
export { LakehouseValidationError } from '../lib/model';
