import { dataOf, type TfJson, resourcesOf } from '../../support/synth';

/** The Terraform references the AwsContext data sources render to, read from the synthesized stack. */
export function contextRefs(json: TfJson): { partition: string; account: string; region: string } {
  const one = (type: string): string => {
    const names = Object.keys(dataOf(json, type));
    if (names.length !== 1) throw new Error(`expected one ${type} data source, found ${names.length}`);
    return names[0]!;
  };
  return {
    partition: `\${data.aws_partition.${one('aws_partition')}.partition}`,
    account: `\${data.aws_caller_identity.${one('aws_caller_identity')}.account_id}`,
    region: `\${data.aws_region.${one('aws_region')}.region}`,
  };
}

/** `${<type>.<name>.<attribute>}` of the one resource of `type` whose name contains `part`. */
export function ref(json: TfJson, type: string, part: string, attribute: string): string {
  const names = Object.keys(resourcesOf(json, type)).filter((n) => n.includes(part));
  if (names.length !== 1) throw new Error(`expected one ${type} named like '${part}', found ${names.join(', ') || 'none'}`);
  return `\${${type}.${names[0]}.${attribute}}`;
}

/** The one resource of `type` whose name contains `part`. */
export function resourceNamed(json: TfJson, type: string, part: string): Record<string, any> {
  const entries = Object.entries(resourcesOf(json, type)).filter(([n]) => n.includes(part));
  if (entries.length !== 1) throw new Error(`expected one ${type} named like '${part}', found ${entries.length}`);
  return entries[0]![1];
}
