import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { environmentStack } from '../../lib/stack/environment-stack';
import { environmentFromYaml, shippedTemplates } from '../support/synth';

const BASE =
  'name: qa\nproject: acme\ncloud: aws\ncatalog: nessie\nregion: us-east-1\nnessie:\n  certificate_arn: arn:aws:acm:us-east-1:111122223333:certificate/abc-123\n';

function outputs(yaml: string): Record<string, { value: unknown }> {
  const stack = environmentStack(Testing.app(), environmentFromYaml(yaml), shippedTemplates());
  return (JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: unknown }> }).output;
}

describe('nessie.host_name', () => {
  it('is the host of the advertised HTTPS URLs when set', () => {
    const out = outputs(`${BASE}  host_name: nessie.qa.example.com\n`);
    expect(out.lakehouse_nessie_api_url!.value).toBe('https://nessie.qa.example.com');
    expect(out.lakehouse_nessie_iceberg_rest_uri!.value).toBe('https://nessie.qa.example.com/iceberg');
  });

  it('is required with a certificate: the table-provisioning function verifies the certificate against it', () => {
    expect(() => outputs(BASE)).toThrow(/nessie\.certificate_arn: needs nessie\.host_name, the name the certificate covers/);
  });

  it('falls back to the load balancer DNS name over plain HTTP (no certificate, development)', () => {
    const out = outputs(BASE.replace(/nessie:\n {2}certificate_arn: .*\n$/, ''));
    expect(out.lakehouse_nessie_api_url!.value).toMatch(/^http:\/\/\$\{aws_lb\.[^}]+\.dns_name\}$/);
  });

  it('must be a DNS name', () => {
    expect(() => environmentFromYaml(`${BASE}  host_name: "https://nessie"\n`)).toThrow(
      /nessie\.host_name: "https:\/\/nessie" is not a DNS name such as nessie\.example\.com/,
    );
  });
});
