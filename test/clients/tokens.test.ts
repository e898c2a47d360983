import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformOutput } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { planLakehouse } from '../../lib/plan';
import { engineSettings } from '../../lib/clients';
import { awsTestStack, shippedTemplates, synthStack, type TfJson } from '../support/synth';
import { shippedEnvironment } from './fixtures';

/** The lead's composites feed stack attributes in and publish the result as outputs; check that works. */
describe('engine settings built from cdktf tokens', () => {
  let json: TfJson;
  beforeAll(() => {
    const stack = awsTestStack();
    const bucket = new S3Bucket(stack, 'lake', { bucket: 'acme-lake-staging-lakehouse' });
    const alb = new S3Bucket(stack, 'stand-in-for-the-alb', { bucket: 'stand-in' });
    const glue = engineSettings(planLakehouse(shippedEnvironment('dev'), shippedTemplates()), { bucketName: bucket.bucket });
    const nessie = engineSettings(planLakehouse(shippedEnvironment('staging'), shippedTemplates()), {
      bucketName: bucket.bucket,
      nessieApiUrl: `https://${alb.bucketDomainName}`,
    });
    new TerraformOutput(stack, 'glue', { value: glue }).overrideLogicalId('glue');
    new TerraformOutput(stack, 'nessie', { value: nessie }).overrideLogicalId('nessie');
    json = synthStack(stack);
  });

  it('renders the bucket as a Terraform reference inside the settings', () => {
    const glue = json.output!.glue!.value as any;
    expect(glue.pyiceberg.warehouse).toBe('s3://${aws_s3_bucket.lake.bucket}/warehouse');
    expect(glue.identifiers.tables['core.customer_dim'].location).toBe('s3://${aws_s3_bucket.lake.bucket}/warehouse/core/customer_dim/');
  });

  it('renders the Nessie URL reference in every engine and leaves no placeholder', () => {
    const nessie = json.output!.nessie!.value as any;
    const rest = 'https://${aws_s3_bucket.stand-in-for-the-alb.bucket_domain_name}/iceberg';
    expect(nessie.pyiceberg.uri).toBe(rest);
    expect(nessie.spark['spark.sql.catalog.lakehouse.uri']).toBe(rest);
    expect(nessie.trino['iceberg.rest-catalog.uri']).toBe(rest);
    expect(nessie.sparkNessieCatalog['spark.sql.catalog.lakehouse.uri']).toBe(
      'https://${aws_s3_bucket.stand-in-for-the-alb.bucket_domain_name}/api/v2',
    );
    expect(nessie.pendingOutputs).toEqual([]);
    expect(JSON.stringify(nessie)).not.toContain('cdktf output');
  });
});
