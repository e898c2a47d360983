import type { TerraformStack } from 'cdktf';
import type { NessieSettings } from '../../../lib/model';
import { NessieLakehouse, type LakehouseStorageRef, type NessieLakehouseProps } from '../../../lib/aws/nessie';
import { awsEnvironment, awsTestStack, parsePolicy, resourcesOf, synthStack, type TfJson } from '../../support/synth';

export const BUCKET = 'acme-test-lakehouse';
export const STORAGE: LakehouseStorageRef = {
  bucketName: BUCKET,
  bucketArn: `arn:aws:s3:::${BUCKET}`,
  warehousePrefix: 'warehouse',
  warehouseLocation: `s3://${BUCKET}/warehouse`,
};
export const KMS_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';
export const CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
export const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:lakehouse-test-alerts';

/** The Nessie settings of a minimal environment file (every default applied by the model). */
export function nessieDefaults(): NessieSettings {
  return awsEnvironment('nessie').nessie;
}

export interface Synthesized {
  readonly json: TfJson;
  readonly stack: TerraformStack;
  readonly lakehouse: NessieLakehouse;
}

export type NessieOverrides = Partial<Omit<NessieLakehouseProps, 'nessie'>> & { readonly nessie?: Partial<NessieSettings> };

/** A stack holding one NessieLakehouse (prefix acme-test, eu-west-1), synthesized; `extend` runs before synthesis. */
export function synthNessie(
  overrides: NessieOverrides = {},
  extend?: (lakehouse: NessieLakehouse, stack: TerraformStack) => void,
): Synthesized {
  const stack = awsTestStack();
  const { nessie, ...rest } = overrides;
  const lakehouse = new NessieLakehouse(stack, 'nessie', {
    prefix: 'acme-test',
    region: 'eu-west-1',
    storage: STORAGE,
    ...rest,
    nessie: { ...nessieDefaults(), ...nessie },
  });
  extend?.(lakehouse, stack);
  return { json: synthStack(stack), stack, lakehouse };
}

/** Resources of a type keyed by their construct id (the part before the hash), e.g. `private-a`. */
export function byId(json: TfJson, type: string): Record<string, Record<string, any>> {
  const out: Record<string, Record<string, any>> = {};
  for (const [name, config] of Object.entries(resourcesOf(json, type))) {
    const id = name
      .replace(/_[0-9A-F]{8}$/, '')
      .split('_')
      .pop()!;
    if (out[id]) throw new Error(`two ${type} resources with construct id ${id}`);
    out[id] = config;
  }
  return out;
}

/** `${aws_x.name.attr}` of the resource with construct id `id`. */
export function ref(json: TfJson, type: string, id: string, attr = 'id'): string {
  const name = Object.keys(resourcesOf(json, type)).find(
    (n) =>
      n
        .replace(/_[0-9A-F]{8}$/, '')
        .split('_')
        .pop() === id,
  );
  if (!name) throw new Error(`no ${type} with construct id ${id}`);
  return `\${${type}.${name}.${attr}}`;
}

/** The statements of an inline role policy, by policy name. */
export function rolePolicy(json: TfJson, policyName: string): Array<Record<string, any>> {
  const policy = Object.values(resourcesOf(json, 'aws_iam_role_policy')).find((p) => p.name === policyName);
  if (!policy) throw new Error(`no inline policy named ${policyName}`);
  return parsePolicy(policy.policy).Statement;
}
