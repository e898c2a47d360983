/**
 * Location names differ between Google Cloud services: a Cloud Storage multi-region `EU` is the
 * Cloud KMS location `europe`. Regions and dual-regions are the same names in lowercase.
 */
const KMS_MULTI_REGIONS: Readonly<Record<string, string>> = { EU: 'europe', US: 'us', ASIA: 'asia' };

/** The Cloud KMS location whose keys can encrypt a bucket in `storageLocation` (same location). */
export function kmsLocationFor(storageLocation: string): string {
  return KMS_MULTI_REGIONS[storageLocation.toUpperCase()] ?? storageLocation.toLowerCase();
}

/** Data Catalog taxonomies and BigQuery data policies use the dataset location in lowercase (`eu`, `europe-west1`). */
export function policyLocationFor(datasetLocation: string): string {
  return datasetLocation.toLowerCase();
}
