/**
 * The synthesized Terraform JSON of one stack, indexed so rules can follow references
 * (`${aws_s3_bucket.data_ABC.id}`) from one resource to the resources it names.
 */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
  readonly [key: string]: unknown;
}

export interface TerraformResource {
  readonly type: string;
  readonly name: string;
  /** `<type>.<name>` (data sources: `data.<type>.<name>`). */
  readonly address: string;
  /** Construct path cdktf records in `//.metadata.path`; the address when absent. */
  readonly path: string;
  readonly config: Readonly<Record<string, unknown>>;
}

// `aws_s3_bucket.name` or `data.aws_iam_policy_document.name` anywhere inside an interpolation.
const REFERENCE = /(?:^|[^\w.])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*)/g;

export class StackIndex {
  readonly resources: readonly TerraformResource[];
  private readonly byAddress = new Map<string, TerraformResource>();
  private readonly byType = new Map<string, TerraformResource[]>();

  constructor(
    readonly json: TerraformJson,
    readonly stackName = 'stack',
  ) {
    const all: TerraformResource[] = [];
    const add = (kind: 'resource' | 'data', prefix: string): void => {
      const types = json[kind] ?? {};
      for (const type of Object.keys(types).sort()) {
        const named = types[type] ?? {};
        for (const name of Object.keys(named).sort()) {
          const config = named[name] ?? {};
          const address = `${prefix}${type}.${name}`;
          const meta = (config['//'] as { metadata?: { path?: unknown } } | undefined)?.metadata;
          const resource = { type: `${prefix}${type}`, name, address, path: typeof meta?.path === 'string' ? meta.path : address, config };
          all.push(resource);
          this.byAddress.set(address, resource);
          const list = this.byType.get(resource.type) ?? [];
          list.push(resource);
          this.byType.set(resource.type, list);
        }
      }
    };
    add('resource', '');
    add('data', 'data.');
    this.resources = all;
  }

  get(address: string): TerraformResource | undefined {
    return this.byAddress.get(address);
  }

  ofType(...types: string[]): TerraformResource[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Addresses of stack resources referenced anywhere inside a value (strings, arrays, objects). */
  referencesIn(value: unknown): Set<string> {
    const found = new Set<string>();
    for (const text of stringsIn(value)) {
      if (!text.includes('${')) continue;
      for (const m of text.matchAll(REFERENCE)) {
        const address = m[1]!;
        if (this.byAddress.has(address)) found.add(address);
      }
    }
    return found;
  }

  /** Stack resources referenced by a value, resolved. */
  resolve(value: unknown): TerraformResource[] {
    return [...this.referencesIn(value)].sort().map((a) => this.byAddress.get(a)!);
  }

  /**
   * Whether `value` points at `target`: by reference, or by one of the target's literal identifiers
   * (`literalKeys`, e.g. a bucket's `bucket` name written as a plain string).
   */
  pointsTo(value: unknown, target: TerraformResource, literalKeys: readonly string[] = []): boolean {
    if (this.referencesIn(value).has(target.address)) return true;
    if (typeof value !== 'string') return false;
    return literalKeys.some((k) => typeof target.config[k] === 'string' && target.config[k] === value);
  }

  /** Resources of `type` whose attribute `attribute` points at `target`. */
  referrers(type: string, attribute: string, target: TerraformResource, literalKeys: readonly string[] = []): TerraformResource[] {
    return this.ofType(type).filter((r) => this.pointsTo(r.config[attribute], target, literalKeys));
  }
}

/** Every string inside a JSON value, depth first. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** A nested block as a list: cdktf renders single blocks as objects and list blocks as arrays. */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object');
  if (value !== null && typeof value === 'object') return [value as Record<string, unknown>];
  return [];
}

/** The first block of a single-block attribute, or an empty object. */
export function block(value: unknown): Record<string, unknown> {
  return blocks(value)[0] ?? {};
}

/** Terraform accepts `true` and `"true"` for booleans. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

/** A number written as a number or numeric string (`"7776000s"` → 7776000 with the suffix). */
export function asNumber(value: unknown, suffix = ''): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const text = suffix && value.endsWith(suffix) ? value.slice(0, -suffix.length) : value;
  return /^-?[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : undefined;
}

export function asStringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Whether a value is set to something other than an empty string. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
