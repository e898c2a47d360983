/**
 * Column-level security of a BigQuery table for one member: a restricted column is read raw when
 * it carries no policy tag, when its taxonomy does not enforce fine-grained access control, or when
 * the member holds the fine-grained reader role on the tag (or a parent tag, the taxonomy, the
 * project). Otherwise the member sees it masked (maskedReader on the tag's data policy) or not at
 * all: both count as "public" for the report.
 */
import { asStringList, type StackIndex } from '../terraform-json';
import type { Canonicalizer } from './canonical';
import type { GcpBinding } from './gcp-bindings';
import { FINE_GRAINED_ROLES } from './gcp-roles';
import type { AccessTable } from './model';

interface SchemaField {
  readonly name?: string;
  readonly type?: string;
  readonly fields?: readonly SchemaField[];
  readonly policyTags?: { readonly names?: readonly string[] };
}

/** Why a restricted column is readable raw by the member, with the granting address; empty when none is. */
export interface RawColumn {
  readonly column: string;
  readonly address: string;
  readonly how: string;
}

export function rawRestrictedColumns(
  t: AccessTable,
  member: string,
  memberBindings: readonly GcpBinding[],
  stack: StackIndex,
  c: Canonicalizer,
): RawColumn[] | 'unknown' {
  if (t.restricted.length === 0 || !t.bigquery) return [];
  const table = stack.get(t.bigquery.address)!;
  let fields: SchemaField[];
  try {
    fields = JSON.parse(String(table.config.schema)) as SchemaField[];
  } catch {
    return 'unknown';
  }
  const out: RawColumn[] = [];
  for (const column of t.restricted) {
    const field = fields.find((f) => f.name === column);
    const tags = field ? leafTags(field) : undefined;
    if (!tags) {
      out.push({
        column,
        address: table.address,
        how: `restricted column ${column} carries no policy tag, so every reader of the table reads it`,
      });
      continue;
    }
    for (const tag of tags) {
      const raw = rawThroughTag(tag, member, memberBindings, stack, c);
      if (raw) {
        out.push({ column, ...raw });
        break;
      }
    }
  }
  return out;
}

/** Policy tags of a field; undefined when some leaf of it has none. */
function leafTags(field: SchemaField): string[] | undefined {
  if ((field.type === 'RECORD' || field.type === 'STRUCT') && (field.fields ?? []).length > 0) {
    const all = field.fields!.map(leafTags);
    return all.some((x) => x === undefined) ? undefined : [...new Set(all.flat() as string[])];
  }
  const names = field.policyTags?.names ?? [];
  return names.length > 0 ? [...names] : undefined;
}

function rawThroughTag(tag: string, member: string, bindings: readonly GcpBinding[], stack: StackIndex, c: Canonicalizer) {
  const tagResources = stack.ofType('google_data_catalog_policy_tag');
  const chain: string[] = [];
  let current: string | undefined = c.text(tag);
  let taxonomy: string | undefined;
  while (current && !chain.includes(current)) {
    chain.push(current);
    const resource = tagResources.find((r) => `{${r.address}}` === current);
    taxonomy = resource ? c.text(resource.config.taxonomy) : taxonomy;
    current = resource && typeof resource.config.parent_policy_tag === 'string' ? c.text(resource.config.parent_policy_tag) : undefined;
  }
  const taxonomyResource = stack.ofType('google_data_catalog_taxonomy').find((r) => `{${r.address}}` === taxonomy);
  if (taxonomyResource && !asStringList(taxonomyResource.config.activated_policy_types).includes('FINE_GRAINED_ACCESS_CONTROL')) {
    return {
      address: taxonomyResource.address,
      how: `the taxonomy of its policy tag does not activate FINE_GRAINED_ACCESS_CONTROL, so the tag restricts nobody`,
    };
  }
  const grant = bindings.find(
    (b) =>
      b.member === member &&
      FINE_GRAINED_ROLES.includes(b.role) &&
      ((b.target.kind === 'tag' && chain.includes(b.target.tag)) ||
        (b.target.kind === 'taxonomy' && b.target.taxonomy === taxonomy) ||
        b.target.kind === 'project'),
  );
  return grant
    ? {
        address: grant.address,
        how: `${grant.role} on its policy tag${grant.target.kind === 'tag' ? '' : `'s ${grant.target.kind}`}: reads it unmasked`,
      }
    : undefined;
}
