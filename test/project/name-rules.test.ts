import { describe, expect, it } from 'vitest';
import { AWS_ROLE_SUFFIXES, elbNameProblems, glueNameProblems, iamRoleNameProblems, s3BucketNameProblems } from '../../lib/aws/rules/names';
import { bigQueryDatasetIdProblems, gcsBucketNameProblems, serviceAccountIdProblems } from '../../lib/gcp/rules/names';
import { lakehouseNames, namespaceDatabaseName, resourcePrefix, underscorePrefix } from '../../lib/model/naming';

describe('S3 bucket names', () => {
  it('accepts 3 to 63 lowercase letters, digits and hyphens', () => {
    expect(s3BucketNameProblems('abc')).toEqual([]);
    expect(s3BucketNameProblems('a'.repeat(63))).toEqual([]);
    expect(s3BucketNameProblems('acme-lake-prod-lakehouse')).toEqual([]);
  });

  it('names each broken rule', () => {
    expect(s3BucketNameProblems('ab')).toEqual(['must be 3 to 63 characters long (is 2)']);
    expect(s3BucketNameProblems('a'.repeat(64))).toEqual(['must be 3 to 63 characters long (is 64)']);
    expect(s3BucketNameProblems('my_bucket')).toEqual(['may contain only lowercase letters, digits and hyphens']);
    expect(s3BucketNameProblems('acme.lake')).toEqual(['may contain only lowercase letters, digits and hyphens']);
    expect(s3BucketNameProblems('-acme')).toEqual(['must begin and end with a letter or digit']);
    expect(s3BucketNameProblems('acme-')).toEqual(['must begin and end with a letter or digit']);
  });

  it.each(['xn--acme', 'sthree-acme', 'sthree-configurator-x', 'amzn-s3-demo-bucket'])('refuses the reserved prefix of %s', (name) => {
    expect(s3BucketNameProblems(name)).toEqual(["must not start with 'xn--', 'sthree-' or 'amzn-s3-demo-'"]);
  });

  it.each(['acme-s3alias', 'acme--ol-s3', 'acme--x-s3', 'acme--table-s3', 'acme-an'])('refuses the reserved suffix of %s', (name) => {
    expect(s3BucketNameProblems(name)).toEqual(['must not end with a suffix S3 reserves (-s3alias, --ol-s3, --x-s3, --table-s3, -an)']);
  });
});

describe('Cloud Storage bucket names', () => {
  it('accepts lowercase letters, digits, hyphens and underscores', () => {
    expect(gcsBucketNameProblems('acme_lake-dev')).toEqual([]);
  });

  it('names each broken rule', () => {
    expect(gcsBucketNameProblems('ab')).toEqual(['must be 3 to 63 characters long (is 2)']);
    expect(gcsBucketNameProblems('acme.lake')).toEqual(['may contain only lowercase letters, digits, hyphens and underscores']);
    expect(gcsBucketNameProblems('_acme')).toEqual(['must begin and end with a letter or digit']);
    expect(gcsBucketNameProblems('goog-lake')).toEqual(["must not start with 'goog' or contain 'google'"]);
    expect(gcsBucketNameProblems('my-google-lake')).toEqual(["must not start with 'goog' or contain 'google'"]);
    expect(gcsBucketNameProblems('my-g00gle-lake')).toEqual(["must not start with 'goog' or contain 'google'"]);
  });
});

describe('IAM role, load balancer and service account names', () => {
  it('IAM roles: up to 64 of [\\w+=,.@-]', () => {
    expect(iamRoleNameProblems('acme-dev-lakehouse-reader')).toEqual([]);
    expect(iamRoleNameProblems('a+b=c,d.e@f_g-h')).toEqual([]);
    expect(iamRoleNameProblems('r'.repeat(65))).toEqual(['must be 1 to 64 characters long (is 65)']);
    expect(iamRoleNameProblems('has space')).toEqual(['may contain only letters, digits and + = , . @ _ -']);
  });

  it('ALB and target group names: up to 32 letters, digits and hyphens, no edge hyphen, no internal- prefix', () => {
    expect(elbNameProblems('acme-dev-nessie')).toEqual([]);
    expect(elbNameProblems('n'.repeat(33))).toEqual(['must be 1 to 32 characters long (is 33)']);
    expect(elbNameProblems('acme_dev')).toEqual(['may contain only letters, digits and hyphens']);
    expect(elbNameProblems('-acme')).toEqual(['must not begin or end with a hyphen']);
    expect(elbNameProblems('internal-acme')).toEqual(["must not begin with 'internal-'"]);
  });

  it('service account ids: 6 to 30, [a-z]([-a-z0-9]*[a-z0-9])', () => {
    expect(serviceAccountIdProblems('acme-dev-reader')).toEqual([]);
    expect(serviceAccountIdProblems('a'.repeat(30))).toEqual([]);
    expect(serviceAccountIdProblems('abcde')).toEqual(['must be 6 to 30 characters long (is 5)']);
    expect(serviceAccountIdProblems('a'.repeat(31))).toEqual(['must be 6 to 30 characters long (is 31)']);
    const shape = 'must start with a lowercase letter and contain only lowercase letters, digits and hyphens, not ending with a hyphen';
    expect(serviceAccountIdProblems('1acme-dev')).toEqual([shape]);
    expect(serviceAccountIdProblems('acme-dev-')).toEqual([shape]);
    expect(serviceAccountIdProblems('acme_dev_x')).toEqual([shape]);
  });
});

describe('catalog names', () => {
  it('Glue names: lowercase letters, digits and underscores (Athena), up to 255', () => {
    expect(glueNameProblems('acme_dev_sales')).toEqual([]);
    expect(glueNameProblems('Acme-Dev')).toEqual(['may contain only lowercase letters, digits and underscores (Athena)']);
    expect(glueNameProblems('g'.repeat(256))).toEqual(['must be 1 to 255 characters long (is 256)']);
  });

  it('BigQuery dataset ids: letters, digits and underscores, up to 1024', () => {
    expect(bigQueryDatasetIdProblems('Acme_dev_1')).toEqual([]);
    expect(bigQueryDatasetIdProblems('acme-dev')).toEqual(['may contain only letters, digits and underscores']);
    expect(bigQueryDatasetIdProblems('d'.repeat(1025))).toEqual(['must be 1 to 1024 characters long (is 1025)']);
  });
});

describe('derived names', () => {
  it('prefixes and database names', () => {
    expect(resourcePrefix('acme-data', 'dev')).toBe('acme-data-dev');
    expect(underscorePrefix('acme-data', 'gcp-dev')).toBe('acme_data_gcp_dev');
    expect(namespaceDatabaseName('acme-data', 'dev', 'sales')).toBe('acme_data_dev_sales');
  });

  it('lakehouseNames derives every name from <project>-<env>, with an optional bucket override', () => {
    const names = lakehouseNames('acme', 'prod');
    expect([names.prefix, names.lakehouseBucket, names.auditBucket, names.loadBalancer, names.targetGroup]).toEqual([
      'acme-prod',
      'acme-prod-lakehouse',
      'acme-prod-audit-trail',
      'acme-prod-nessie',
      'acme-prod-nessie',
    ]);
    expect(names.role('lakehouse-reader')).toBe('acme-prod-lakehouse-reader');
    expect(names.serviceAccount('writer')).toBe('acme-prod-writer');
    expect(lakehouseNames('acme', 'prod', 'my-lake').lakehouseBucket).toBe('my-lake');
  });

  it('the longest role suffix still fits 64 characters with the longest allowed project and name (20 + 12)', () => {
    const names = lakehouseNames('p'.repeat(20), 'e'.repeat(12));
    for (const suffix of AWS_ROLE_SUFFIXES) expect(iamRoleNameProblems(names.role(suffix)), suffix).toEqual([]);
  });
});
