import { describe, expect, it } from 'vitest';
import data from '../../lib/regions/cloud-regions.json';
import { AWS_REGIONS, closestMatch, GCP_MULTI_REGIONS, GCP_REGIONS, REGION_LIST_DATE } from '../../lib/regions/cloud-regions';
import { compare } from '../../lib/model/compare';
import { AWS_BASE, GCP_BASE, problemAt } from '../model/helpers';
import { cloudProblems, cloudValid } from './helpers';

const aws = (region: string, extra = ''): string => AWS_BASE.replace('region: eu-west-1', `region: ${region}`) + extra;
const gcp = (region: string, extra = ''): string => GCP_BASE.replace('region: europe-west1', `region: ${region}`) + extra;
const withLocation = (location: string): string => `  location: ${location}\n`;

describe('the region list', () => {
  it('is one dated file with its sources, keys in code-point order', () => {
    expect(REGION_LIST_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(data.aws.sources.length).toBeGreaterThan(0);
    expect(data.gcp.sources.length).toBeGreaterThan(0);
    for (const table of [data.aws.regions, data.gcp.regions, data.gcp.multiRegions, data.gcp.dualRegions]) {
      const keys = Object.keys(table);
      expect(keys).toEqual([...keys].sort(compare));
    }
  });

  it('has the shapes the rules expect', () => {
    for (const code of AWS_REGIONS.keys()) expect(code).toMatch(/^[a-z]{2,4}(-[a-z]+)+-[0-9]+$/);
    for (const code of GCP_REGIONS.keys()) expect(code).toMatch(/^[a-z]+-[a-z]+[0-9]+$/);
    for (const [code, info] of GCP_MULTI_REGIONS) expect([code, info.kms]).toEqual([code.toUpperCase(), info.kms.toLowerCase()]);
    for (const dual of Object.values(data.gcp.dualRegions)) for (const r of dual.regions) expect(GCP_REGIONS.has(r)).toBe(true);
    expect(AWS_REGIONS.get('us-east-1')).toEqual({ name: 'US East (N. Virginia)', partition: 'aws' });
    expect(GCP_REGIONS.get('europe-west1')).toEqual({ name: 'Belgium', bigquery: true });
  });

  it('suggests near misses only', () => {
    expect(closestMatch('us-eats-1', AWS_REGIONS.keys())).toBe('us-east-1');
    expect(closestMatch('eu-west1', AWS_REGIONS.keys())).toBe('eu-west-1');
    expect(closestMatch('europe-wset1', GCP_REGIONS.keys())).toBe('europe-west1');
    expect(closestMatch('mars-north-9', AWS_REGIONS.keys())).toBeUndefined();
  });
});

describe('AWS region', () => {
  it('accepts every listed region of every partition', () => {
    for (const region of ['us-east-1', 'ap-southeast-7', 'mx-central-1', 'cn-north-1', 'us-gov-west-1', 'eusc-de-east-1'])
      expect(cloudValid(aws(region)).region).toBe(region);
  });

  it('rejects a typo, quoting it, with the closest region and the way to accept newer ones', () => {
    expect(problemAt(cloudProblems(aws('us-eats-1')), 'region').message).toBe(
      `"us-eats-1" is not in the AWS region list (taken ${REGION_LIST_DATE}); did you mean us-east-1? ` +
        'If it is a region opened since, set allow_unlisted_region: true',
    );
  });

  it('says when a Google Cloud region is given to an AWS environment', () => {
    expect(problemAt(cloudProblems(aws('europe-west1')), 'region').message).toBe(
      '"europe-west1" is a Google Cloud location; cloud: aws needs an AWS region such as us-east-1 or eu-west-1',
    );
  });

  it('accepts an unlisted region of AWS shape with allow_unlisted_region, never a non-AWS shape', () => {
    expect(cloudValid(aws('ap-south-9', 'allow_unlisted_region: true\n')).region).toBe('ap-south-9');
    expect(problemAt(cloudProblems(aws('asia-west9', 'allow_unlisted_region: true\n')), 'region').message).toBe(
      '"asia-west9" is not an AWS region: AWS regions are written like us-east-1',
    );
  });
});

describe('Google Cloud region and location', () => {
  it('accepts a BigQuery region, and the EU and US multi-regions with a region inside them', () => {
    expect(cloudValid(gcp('us-central1')).gcp!.location).toBe('us-central1');
    // Two-digit region numbers (Berlin, Turin) were refused by the schema's pattern before.
    expect(cloudValid(gcp('europe-west10')).gcp!.location).toBe('europe-west10');
    expect(cloudValid(gcp('europe-west1', withLocation('EU')).replace('europe-west1', 'europe-west12')).region).toBe('europe-west12');
    expect(cloudValid(gcp('europe-west1', withLocation('EU'))).gcp!.location).toBe('EU');
    expect(cloudValid(gcp('us-east4', withLocation('US'))).gcp!.location).toBe('US');
  });

  it('rejects an AWS region on Google Cloud', () => {
    expect(problemAt(cloudProblems(gcp('eu-west-1')), 'region').message).toBe(
      '"eu-west-1" is an AWS region; cloud: gcp needs a Google Cloud region such as europe-west1 or us-central1',
    );
  });

  it('rejects a typo with a suggestion, once (gcp.location defaults to the region)', () => {
    const problems = cloudProblems(gcp('europe-wset1'));
    expect(problems).toHaveLength(1);
    expect(problemAt(problems, 'region').message).toBe(
      `"europe-wset1" is not in the Google Cloud region list (taken ${REGION_LIST_DATE}); did you mean europe-west1? ` +
        'If it is a region opened since, set allow_unlisted_region: true',
    );
  });

  it('rejects a gcp.location typo at gcp.location', () => {
    expect(problemAt(cloudProblems(gcp('europe-west1', withLocation('EUU'))), 'gcp.location').message).toBe(
      `"EUU" is not in the Google Cloud location list (taken ${REGION_LIST_DATE}); did you mean EU? ` +
        'If it is a location opened since, set allow_unlisted_region: true',
    );
  });

  it('refuses locations BigQuery datasets cannot use: dual-regions, ASIA, a region without BigQuery', () => {
    expect(problemAt(cloudProblems(gcp('europe-west4', withLocation('EUR4'))), 'gcp.location').message).toBe(
      '"EUR4" is a Cloud Storage dual-region (europe-north1 + europe-west4) BigQuery datasets cannot use; use one of its regions or a multi-region (EU, US)',
    );
    expect(problemAt(cloudProblems(gcp('asia-northeast1', withLocation('ASIA'))), 'gcp.location').message).toBe(
      '"ASIA" is a Cloud Storage multi-region BigQuery datasets cannot use; use one of its regions (asia-…), US or EU',
    );
    expect(problemAt(cloudProblems(gcp('asia-southeast3')), 'region').message).toMatch(
      /^BigQuery is not listed in "asia-southeast3" \(Bangkok; list taken .*\(gcp.location defaults to the region; set gcp.location to such a location\)$/,
    );
    expect(cloudValid(gcp('asia-southeast3', 'allow_unlisted_region: true\n')).region).toBe('asia-southeast3');
  });

  it('needs the provider region inside gcp.location', () => {
    expect(problemAt(cloudProblems(gcp('us-central1', withLocation('EU'))), 'region').message).toBe(
      '"us-central1" is outside gcp.location "EU"; the provider\'s default region should be inside it (a europe-* region)',
    );
    expect(problemAt(cloudProblems(gcp('europe-west1', withLocation('europe-west4'))), 'region').message).toBe(
      '"europe-west1" is not gcp.location "europe-west4"; every lakehouse resource is in europe-west4, so set region: europe-west4 (or gcp.location: europe-west1)',
    );
  });

  it('accepts an unlisted region and location of Google shape with allow_unlisted_region', () => {
    const env = cloudValid(gcp('europe-west99', 'allow_unlisted_region: true\n'));
    expect([env.region, env.gcp!.location]).toEqual(['europe-west99', 'europe-west99']);
  });
});
