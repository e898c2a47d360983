/**
 * `region` and `gcp.location` of a Google Cloud environment against Google's lists
 * (lib/regions/cloud-regions.json), and their agreement: every resource of the lakehouse (buckets,
 * datasets, BigLake connection, KMS key ring, taxonomy, data policies) lives in `gcp.location`
 * (see gcpResourceLocations), so it must be a location all those services offer, and the
 * provider's default `region` must lie inside it. `allow_unlisted_region: true` accepts a region
 * newer than the list; its shape is still checked.
 */
import type { EnvironmentConfig } from '../../model/environment';
import type { PathSegment } from '../../model/problems';
import {
  AWS_REGIONS,
  closestMatch,
  GCP_DUAL_REGIONS,
  GCP_MULTI_REGIONS,
  GCP_REGIONS,
  gcpLocationNames,
  REGION_LIST_DATE,
} from '../../regions/cloud-regions';

/** `europe-west1`, `us-central1`, `northamerica-northeast2`. */
const GCP_REGION_SHAPE = /^[a-z]+-[a-z]+[0-9]+$/;
/** `EU`, `US`, `EUR4`, `NAM4`. */
const GCP_MULTI_SHAPE = /^[A-Za-z]{2,4}[0-9]*$/;

export interface LocationProblem {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** Problems of `region` and `gcp.location`, at the key to change. */
export function gcpLocationProblems(env: EnvironmentConfig): LocationProblem[] {
  const out: LocationProblem[] = [];
  const regionProblem = gcpRegionProblem(env.region, env.allowUnlistedRegion);
  if (regionProblem) out.push({ path: ['region'], message: regionProblem });
  if (env.gcp === undefined) return out;
  const location = env.gcp.location;
  // gcp.location defaults to the region: one problem, at the region, is enough then.
  const defaulted = location === env.region;
  if (defaulted && regionProblem) return out;
  const locationProblem = datasetLocationProblem(location, env.allowUnlistedRegion);
  if (locationProblem) {
    out.push(
      defaulted
        ? { path: ['region'], message: `${locationProblem} (gcp.location defaults to the region; set gcp.location to such a location)` }
        : { path: ['gcp', 'location'], message: locationProblem },
    );
    return out;
  }
  if (!regionProblem && !defaulted) {
    const outside = regionOutsideLocation(env.region, location);
    if (outside) out.push({ path: ['region'], message: outside });
  }
  return out;
}

/** The provider's `region` must be a Google Cloud region. */
export function gcpRegionProblem(region: string, allowUnlisted: boolean): string | undefined {
  if (GCP_REGIONS.has(region)) return undefined;
  if (AWS_REGIONS.has(region)) {
    return `"${region}" is an AWS region; cloud: gcp needs a Google Cloud region such as europe-west1 or us-central1`;
  }
  const near = closestMatch(region, GCP_REGIONS.keys());
  const hint = near ? `; did you mean ${near}?` : '';
  if (!GCP_REGION_SHAPE.test(region)) return `"${region}" is not a Google Cloud region: they are written like europe-west1${hint}`;
  if (allowUnlisted) return undefined;
  return `"${region}" is not in the Google Cloud region list (taken ${REGION_LIST_DATE})${hint} If it is a region opened since, set allow_unlisted_region: true`;
}

/** The datasets' location: a region or multi-region where BigQuery (and so every lakehouse resource) can live. */
function datasetLocationProblem(location: string, allowUnlisted: boolean): string | undefined {
  const region = GCP_REGIONS.get(location.toLowerCase());
  if (region) {
    if (region.bigquery || allowUnlisted) return undefined;
    return (
      `BigQuery is not listed in "${location}" (${region.name}; list taken ${REGION_LIST_DATE}), and the lakehouse's datasets live there: ` +
      'choose a BigQuery region, or set allow_unlisted_region: true if BigQuery is available there now'
    );
  }
  const multi = GCP_MULTI_REGIONS.get(location.toUpperCase());
  if (multi) {
    if (multi.bigquery) return undefined;
    return `"${location}" is a Cloud Storage multi-region BigQuery datasets cannot use; use one of its regions (${multi.regionPrefix}…), US or EU`;
  }
  const dual = GCP_DUAL_REGIONS.get(location.toUpperCase());
  if (dual) {
    return `"${location}" is a Cloud Storage dual-region (${dual.regions.join(' + ')}) BigQuery datasets cannot use; use one of its regions or a multi-region (EU, US)`;
  }
  if (AWS_REGIONS.has(location))
    return `"${location}" is an AWS region; gcp.location takes a Google Cloud location such as europe-west1 or EU`;
  const near = closestMatch(location, gcpLocationNames());
  const hint = near ? `; did you mean ${near}?` : '';
  if (!GCP_REGION_SHAPE.test(location.toLowerCase()) && !GCP_MULTI_SHAPE.test(location)) {
    return `"${location}" is not a Google Cloud location: a region (europe-west1) or a multi-region (EU, US)${hint}`;
  }
  if (allowUnlisted) return undefined;
  return `"${location}" is not in the Google Cloud location list (taken ${REGION_LIST_DATE})${hint} If it is a location opened since, set allow_unlisted_region: true`;
}

/** The provider's default region should be inside the lakehouse's location, so both tell the same story. */
function regionOutsideLocation(region: string, location: string): string | undefined {
  const multi = GCP_MULTI_REGIONS.get(location.toUpperCase());
  if (multi) {
    return region.startsWith(multi.regionPrefix)
      ? undefined
      : `"${region}" is outside gcp.location "${location}"; the provider's default region should be inside it (a ${multi.regionPrefix}* region)`;
  }
  const known = GCP_REGIONS.has(location.toLowerCase());
  return !known || region === location.toLowerCase()
    ? undefined
    : `"${region}" is not gcp.location "${location}"; every lakehouse resource is in ${location}, so set region: ${location.toLowerCase()} (or gcp.location: ${region})`;
}
