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

/** Where each resource of a lakehouse in `location` (`gcp.location`) is created, in each service's spelling. */
export interface GcpResourceLocations {
  readonly buckets: string;
  readonly datasets: string;
  readonly connection: string;
  readonly kmsKeyRing: string;
  readonly taxonomy: string;
  readonly dataPolicies: string;
}

/**
 * The one place that maps `gcp.location` to every resource's location: the constructs use it, the
 * rules check it, and a test checks every location attribute of the synthesized stack against it.
 */
export function gcpResourceLocations(location: string): GcpResourceLocations {
  return {
    buckets: location,
    datasets: location,
    connection: location,
    kmsKeyRing: kmsLocationFor(location),
    taxonomy: policyLocationFor(location),
    dataPolicies: policyLocationFor(location),
  };
}
