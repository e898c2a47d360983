/**
 * The clouds' region lists (cloud-regions.json, one file with the date the lists were taken and
 * their sources), for the region rules of lib/aws/rules and lib/gcp/rules. Pure data and lookups.
 */
import { compare } from '../model/compare';
import data from './cloud-regions.json';

/** When the lists were taken (YYYY-MM-DD); messages quote it so a user can tell a typo from a newer region. */
export const REGION_LIST_DATE: string = data.taken;

export interface AwsRegionInfo {
  readonly name: string;
  /** `aws`, `aws-cn`, `aws-us-gov`, `aws-eusc`. */
  readonly partition: string;
}

export interface GcpRegionInfo {
  readonly name: string;
  /** BigQuery datasets can be created in this region (when the list was taken). */
  readonly bigquery: boolean;
}

export interface GcpMultiRegionInfo {
  readonly name: string;
  readonly bigquery: boolean;
  /** The Cloud KMS location whose keys a bucket in this multi-region uses (`EU` → `europe`). */
  readonly kms: string;
  /** Regions inside the multi-region start with this (`europe-`). */
  readonly regionPrefix: string;
}

export interface GcpDualRegionInfo {
  readonly regions: readonly string[];
}

/** AWS regions by code. */
export const AWS_REGIONS: ReadonlyMap<string, AwsRegionInfo> = new Map(Object.entries(data.aws.regions));
/** Google Cloud regions (lowercase, `europe-west1`). */
export const GCP_REGIONS: ReadonlyMap<string, GcpRegionInfo> = new Map(Object.entries(data.gcp.regions));
/** Cloud Storage / BigQuery multi-regions (uppercase, `EU`). */
export const GCP_MULTI_REGIONS: ReadonlyMap<string, GcpMultiRegionInfo> = new Map(Object.entries(data.gcp.multiRegions));
/** Cloud Storage predefined dual-regions (uppercase, `EUR4`). */
export const GCP_DUAL_REGIONS: ReadonlyMap<string, GcpDualRegionInfo> = new Map(Object.entries(data.gcp.dualRegions));

/** Every name a Google Cloud `location` can take in the list, in the case Google writes it. */
export function gcpLocationNames(): string[] {
  return [...GCP_REGIONS.keys(), ...GCP_MULTI_REGIONS.keys(), ...GCP_DUAL_REGIONS.keys()];
}

/**
 * The candidate nearest to `value` by edit distance, when it is near enough to be a typo: at most
 * 2 edits, or a quarter of the value's length for long values. Ties go to the code-point-first
 * candidate, so the suggestion is deterministic. Case is ignored.
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  const wanted = value.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  let best: { name: string; distance: number } | undefined;
  for (const name of [...candidates].sort(compare)) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance, with a swap of two neighbouring characters counted as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
