// The storage contract is defined once, by the storage constructs that implement it.
export type { LakehouseStorageRef } from '../storage/lakehouse-storage-ref';
