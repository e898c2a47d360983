// What the synthesis launcher (stacks/synth.cjs) needs from the library, as one module:
// stacks/bundle.cjs bundles it, so the error classes the app checks come from the same copy as the app.
export { buildLakehouseApp, synthesizeFromEnvironment, synthesizeLakehouse, synthesizeLakehouseApp } from './app';
export { configureSynthesisProcess } from './synthesis-process';
export { LakehouseValidationError } from '../lib/model';
export { LakehousePropsError } from '../lib/errors';
export { LakehouseSynthesisError } from '../lib/stack/app-validation';
