/**
 * `region` of an AWS environment against AWS's region list (lib/regions/cloud-regions.json).
 * A region newer than the list passes with `allow_unlisted_region: true`; its shape is still checked.
 */
import { AWS_REGIONS, closestMatch, GCP_MULTI_REGIONS, GCP_REGIONS, REGION_LIST_DATE } from '../../regions/cloud-regions';

/** `us-east-1`, `eu-central-2`, `us-gov-west-1`, `eusc-de-east-1`. */
const AWS_REGION_SHAPE = /^[a-z]{2,4}(-[a-z]+)+-[0-9]+$/;

/** Undefined when `region` is an AWS region this environment may use; otherwise what to change. */
export function awsRegionProblem(region: string, allowUnlisted: boolean): string | undefined {
  if (AWS_REGIONS.has(region)) return undefined;
  if (GCP_REGIONS.has(region.toLowerCase()) || GCP_MULTI_REGIONS.has(region.toUpperCase())) {
    return `"${region}" is a Google Cloud location; cloud: aws needs an AWS region such as us-east-1 or eu-west-1`;
  }
  if (!AWS_REGION_SHAPE.test(region)) {
    const near = closestMatch(region, AWS_REGIONS.keys());
    return `"${region}" is not an AWS region: AWS regions are written like us-east-1${near ? `; did you mean ${near}?` : ''}`;
  }
  if (allowUnlisted) return undefined;
  const near = closestMatch(region, AWS_REGIONS.keys());
  return (
    `"${region}" is not in the AWS region list (taken ${REGION_LIST_DATE})` +
    (near ? `; did you mean ${near}?` : '') +
    ' If it is a region opened since, set allow_unlisted_region: true'
  );
}
