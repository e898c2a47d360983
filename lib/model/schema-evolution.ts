/**
 * Iceberg schema evolution: which differences between two table definitions are safe to apply to a
 * live table, and the evolved schema (with field ids) for an Iceberg `add-schema` commit.
 *
 * Pure: no cdktf, no file system. Fields are matched by NAME path (case-sensitive, as Iceberg is),
 * never by id, because the ids of two templates are positional (`toIcebergTableJson`).
 * Paths: `a`, `a.b` (struct field), `a.element` (list), `a.key` / `a.value` (map); '' is the table's
 * top-level struct.
 *
 * Sources (apache/iceberg): format/spec.md "Schema Evolution" (promotions, struct evolution),
 * `TypeUtil.isPromotionAllowed` (int→long, float→double, decimal precision only), `SchemaUpdate`
 * (required columns need a default; optional→required is incompatible; map keys cannot change) and
 * `UnionByNameVisitor` (the order in which new field ids are assigned).
 */
import type { IcebergJsonField, IcebergJsonType } from './mappings/iceberg-json';

export type ChangeClass = 'safe' | 'breaking';

/** Stable identifiers of the kinds of change; tools may match on them. */
export const SCHEMA_CHANGE_KINDS = [
  'column-added-optional',
  'column-added-required',
  'column-dropped',
  'column-reordered',
  'type-widened',
  'type-narrowed',
  'type-changed',
  'decimal-scale-changed',
  'nested-changed',
  'map-key-changed',
  'required-to-optional',
  'optional-to-required',
  'doc-changed',
  'partition-field-added',
  'partition-field-removed',
  'partition-field-renamed',
  'partition-fields-reordered',
  'sort-field-added',
  'sort-field-removed',
  'sort-field-changed',
  'sort-fields-reordered',
  'property-set',
  'property-changed',
  'property-removed',
  'format-version-upgraded',
  'format-version-downgraded',
] as const;

export type SchemaChangeKind = (typeof SCHEMA_CHANGE_KINDS)[number];

export interface SchemaChange {
  readonly class: ChangeClass;
  readonly kind: SchemaChangeKind;
  /**
   * Schema changes: the field's name path ('' for the top-level struct). Partition and sort
   * changes: the source column's path. Property changes: the property key.
   */
  readonly path: string;
  /** What changed (old and new value quoted) and why it is safe or breaking. */
  readonly message: string;
  /** Type changes: the old and new type in template syntax (`decimal(10,2)`, `list<string>`). */
  readonly from?: string;
  readonly to?: string;
  /** Partition and sort changes: the transform (`day`, `bucket[16]`). */
  readonly transform?: string;
}

/** A schema as Iceberg JSON: only its fields matter here. */
export interface IcebergSchemaFields {
  readonly fields: readonly IcebergJsonField[];
}

export interface SchemaEvolutionOptions {
  /**
   * The table's format version. Version 3 adds the promotions `unknown` → any type and
   * `date` → `timestamp` / `timestamp_ns` (spec, "Schema Evolution").
   * @default 2
   */
  readonly formatVersion?: number;
}

const ICEBERG_RULE = 'Iceberg allows only int→long, float→double and decimal(P,S)→decimal(P2,S) with P2 > P';

/** Prints an Iceberg JSON type in template syntax, e.g. `map<string,list<int>>`. */
export function printJsonType(type: IcebergJsonType): string {
  if (typeof type === 'string') return normalizePrimitive(type);
  switch (type.type) {
    case 'struct':
      return `struct<${type.fields.map((f) => `${f.name}:${printJsonType(f.type)}`).join(',')}>`;
    case 'list':
      return `list<${printJsonType(type.element)}>`;
    case 'map':
      return `map<${printJsonType(type.key)},${printJsonType(type.value)}>`;
  }
}

/** Iceberg's Java serializes `decimal(10, 2)`; the spec and templates write `decimal(10,2)`. */
function normalizePrimitive(type: string): string {
  return type.replace(/\s+/g, '').toLowerCase();
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function quote(path: string): string {
  return path === '' ? 'the table' : `'${path}'`;
}

type Promotion = 'same' | 'widened' | 'narrowed' | 'scale' | 'changed';

const DECIMAL = /^decimal\((\d+),(\d+)\)$/;
const WIDENINGS: Readonly<Record<string, readonly string[]>> = { int: ['long'], float: ['double'] };
const V3_WIDENINGS: Readonly<Record<string, readonly string[]>> = { date: ['timestamp', 'timestamp_ns'] };

/** How a primitive type changes, by `TypeUtil.isPromotionAllowed` and the spec's v3 table. */
function classifyPrimitive(fromRaw: string, toRaw: string, formatVersion: number): Promotion {
  const from = normalizePrimitive(fromRaw);
  const to = normalizePrimitive(toRaw);
  if (from === to) return 'same';
  const a = DECIMAL.exec(from);
  const b = DECIMAL.exec(to);
  if (a && b) {
    if (a[2] !== b[2]) return 'scale';
    return Number(b[1]) > Number(a[1]) ? 'widened' : 'narrowed';
  }
  if (WIDENINGS[from]?.includes(to)) return 'widened';
  if (WIDENINGS[to]?.includes(from)) return 'narrowed';
  if (formatVersion >= 3 && (from === 'unknown' || V3_WIDENINGS[from]?.includes(to))) return 'widened';
  return 'changed';
}

/** Walks two schemas together, recording changes and building the evolved schema. */
class SchemaMerger {
  readonly changes: SchemaChange[] = [];

  constructor(
    private lastId: number,
    private readonly formatVersion: number,
  ) {}

  get lastColumnId(): number {
    return this.lastId;
  }

  private add(change: SchemaChange): void {
    this.changes.push(change);
  }

  /**
   * Merges a struct's fields. Fields of matched children are merged first and this struct's new
   * fields get their ids afterwards, in order: the post-order of Iceberg's `UnionByNameVisitor`.
   */
  struct(path: string, live: readonly IcebergJsonField[], desired: readonly IcebergJsonField[]): IcebergJsonField[] {
    const liveByName = new Map(live.map((f) => [f.name, f]));
    const desiredNames = new Set(desired.map((f) => f.name));
    const merged: (IcebergJsonField | undefined)[] = desired.map((d) => {
      const l = liveByName.get(d.name);
      if (l) return this.field(join(path, d.name), l, d);
      this.added(join(path, d.name), d);
      return undefined;
    });
    for (const l of live) if (!desiredNames.has(l.name)) this.dropped(join(path, l.name), l);
    this.reordered(path, live, desired);
    return merged.map((f, i) => f ?? this.freshField(desired[i]!));
  }

  private field(path: string, live: IcebergJsonField, desired: IcebergJsonField): IcebergJsonField {
    this.requirement(path, live.required, desired.required);
    if ((live.doc ?? '') !== (desired.doc ?? '')) {
      this.add({
        class: 'safe',
        kind: 'doc-changed',
        path,
        message: `doc of ${quote(path)} changed from ${JSON.stringify(live.doc ?? '')} to ${JSON.stringify(desired.doc ?? '')}: safe, metadata only`,
      });
    }
    const type = this.type(path, live.type, desired.type);
    return { id: live.id, name: desired.name, required: desired.required, type, ...(desired.doc ? { doc: desired.doc } : {}) };
  }

  private type(path: string, live: IcebergJsonType, desired: IcebergJsonType): IcebergJsonType {
    if (typeof live === 'string' && live.trim().toLowerCase() === 'unknown' && this.formatVersion >= 3 && typeof desired !== 'string') {
      this.typeChange(path, live, desired, 'widened');
      return this.freshType(desired);
    }
    if (typeof live === 'string' && typeof desired === 'string') {
      this.typeChange(path, live, desired, classifyPrimitive(live, desired, this.formatVersion));
      return desired;
    }
    if (typeof live === 'string' || typeof desired === 'string' || live.type !== desired.type) {
      this.add({
        class: 'breaking',
        kind: 'nested-changed',
        path,
        from: printJsonType(live),
        to: printJsonType(desired),
        message: `type of ${quote(path)} changed from ${printJsonType(live)} to ${printJsonType(desired)}: breaking, Iceberg cannot turn a ${kindName(live)} into a ${kindName(desired)}`,
      });
      return desired;
    }
    if (live.type === 'struct' && desired.type === 'struct')
      return { type: 'struct', fields: this.struct(path, live.fields, desired.fields) };
    if (live.type === 'list' && desired.type === 'list') {
      const elementPath = join(path, 'element');
      this.requirement(elementPath, live['element-required'], desired['element-required']);
      const element = this.type(elementPath, live.element, desired.element);
      return { type: 'list', 'element-id': live['element-id'], element, 'element-required': desired['element-required'] };
    }
    if (live.type === 'map' && desired.type === 'map') return this.map(path, live, desired);
    return desired;
  }

  private map(path: string, live: MapJson, desired: MapJson): IcebergJsonType {
    const keyPath = join(path, 'key');
    if (printJsonType(live.key) !== printJsonType(desired.key)) {
      this.add({
        class: 'breaking',
        kind: 'map-key-changed',
        path: keyPath,
        from: printJsonType(live.key),
        to: printJsonType(desired.key),
        message: `map key of ${quote(path)} changed from ${printJsonType(live.key)} to ${printJsonType(desired.key)}: breaking, Iceberg cannot change a map's keys ("Cannot update map keys")`,
      });
    }
    const valuePath = join(path, 'value');
    this.requirement(valuePath, live['value-required'], desired['value-required']);
    const value = this.type(valuePath, live.value, desired.value);
    return {
      type: 'map',
      'key-id': live['key-id'],
      key: live.key,
      'value-id': live['value-id'],
      value,
      'value-required': desired['value-required'],
    };
  }

  /** A field's, list element's or map value's required flag. */
  private requirement(path: string, live: boolean, desired: boolean): void {
    if (live && !desired) {
      this.add({
        class: 'safe',
        kind: 'required-to-optional',
        path,
        message: `${quote(path)} changed from required to optional: safe, every existing value is valid in an optional field`,
      });
    } else if (!live && desired) {
      this.add({
        class: 'breaking',
        kind: 'optional-to-required',
        path,
        message: `${quote(path)} changed from optional to required: breaking, existing rows may hold nulls (Iceberg: "Cannot change column nullability: optional -> required"); keep it optional`,
      });
    }
  }

  private typeChange(path: string, live: IcebergJsonType, desired: IcebergJsonType, how: Promotion): void {
    if (how === 'same') return;
    const from = printJsonType(live);
    const to = printJsonType(desired);
    const what = `type of ${quote(path)} changed from ${from} to ${to}`;
    const found = {
      widened: ['safe', 'type-widened', `${what}: safe, a widening Iceberg allows; existing files are read as ${to}`],
      narrowed: ['breaking', 'type-narrowed', `${what}: breaking, a narrowing (existing values may not fit); ${ICEBERG_RULE}`],
      scale: ['breaking', 'decimal-scale-changed', `${what}: breaking, a decimal's scale cannot change (only its precision can grow)`],
      changed: ['breaking', 'type-changed', `${what}: breaking, existing files hold ${from} values; ${ICEBERG_RULE}`],
    } as const;
    const [cls, kind, message] = found[how];
    this.add({ class: cls, kind, path, from, to, message });
  }

  private added(path: string, field: IcebergJsonField): void {
    const type = printJsonType(field.type);
    if (field.required) {
      this.add({
        class: 'breaking',
        kind: 'column-added-required',
        path,
        to: type,
        message: `new required column ${quote(path)} (${type}): breaking, existing rows have no value for it (Iceberg: "cannot add required column without a default value"); add it as optional`,
      });
    } else {
      this.add({
        class: 'safe',
        kind: 'column-added-optional',
        path,
        to: type,
        message: `new optional column ${quote(path)} (${type}): safe, rows written before it read as null`,
      });
    }
  }

  private dropped(path: string, field: IcebergJsonField): void {
    const type = printJsonType(field.type);
    this.add({
      class: 'breaking',
      kind: 'column-dropped',
      path,
      from: type,
      message: `column ${quote(path)} (${type}) was removed: breaking, queries and pipelines that use it fail, and a column added again under that name gets a new id and does not see the old data`,
    });
  }

  private reordered(path: string, live: readonly IcebergJsonField[], desired: readonly IcebergJsonField[]): void {
    const desiredNames = new Set(desired.map((f) => f.name));
    const liveNames = new Set(live.map((f) => f.name));
    const before = live.filter((f) => desiredNames.has(f.name)).map((f) => f.name);
    const after = desired.filter((f) => liveNames.has(f.name)).map((f) => f.name);
    if (before.join('\u0000') === after.join('\u0000')) return;
    this.add({
      class: 'safe',
      kind: 'column-reordered',
      path,
      message: `fields of ${quote(path)} reordered from (${before.join(', ')}) to (${after.join(', ')}): safe, Iceberg reads columns by id, not position`,
    });
  }

  /** A new field: its id first, then fresh ids for its nested types (Iceberg's `AssignFreshIds`). */
  private freshField(field: IcebergJsonField): IcebergJsonField {
    const id = ++this.lastId;
    return { ...field, id, type: this.freshType(field.type) };
  }

  private freshType(type: IcebergJsonType): IcebergJsonType {
    if (typeof type === 'string') return type;
    switch (type.type) {
      case 'struct': {
        const ids = type.fields.map(() => ++this.lastId);
        return { type: 'struct', fields: type.fields.map((f, i) => ({ ...f, id: ids[i]!, type: this.freshType(f.type) })) };
      }
      case 'list': {
        const elementId = ++this.lastId;
        return { ...type, 'element-id': elementId, element: this.freshType(type.element) };
      }
      case 'map': {
        const keyId = ++this.lastId;
        const valueId = ++this.lastId;
        return { ...type, 'key-id': keyId, 'value-id': valueId, key: this.freshType(type.key), value: this.freshType(type.value) };
      }
    }
  }
}

type MapJson = Extract<IcebergJsonType, { type: 'map' }>;

function kindName(type: IcebergJsonType): string {
  return typeof type === 'string' ? 'primitive' : type.type;
}

function maxId(fields: readonly IcebergJsonField[]): number {
  return Math.max(0, ...fieldPathsById({ fields }).keys());
}

/**
 * Every difference between two schemas, matched by name path, each classified by Iceberg's
 * schema-evolution rules. Order: the target's field order, a struct's removed fields after its
 * other changes.
 */
export function compareIcebergSchemas(
  base: IcebergSchemaFields,
  target: IcebergSchemaFields,
  options: SchemaEvolutionOptions = {},
): SchemaChange[] {
  const merger = new SchemaMerger(maxId(base.fields), options.formatVersion ?? 2);
  merger.struct('', base.fields, target.fields);
  return merger.changes;
}

/** A live table's current schema as its catalog returns it (Iceberg REST `LoadTableResult`). */
export interface LiveIcebergSchema extends IcebergSchemaFields {
  readonly 'schema-id': number;
  readonly 'identifier-field-ids'?: readonly number[];
}

export interface EvolvedSchema {
  readonly type: 'struct';
  readonly 'schema-id': number;
  readonly fields: IcebergJsonField[];
  readonly 'identifier-field-ids'?: number[];
}

export interface SchemaEvolution {
  /** Every difference, safe and breaking. */
  readonly changes: SchemaChange[];
  /** The breaking ones; when any, no schema is proposed. */
  readonly breaking: SchemaChange[];
  /**
   * The new schema, when something changed and nothing is breaking: matched fields keep their live
   * ids, new fields get ids from `lastColumnId + 1`. Its `schema-id` is the live one plus 1;
   * commit it with `add-schema` then `set-current-schema` with `schema-id: -1` ("the schema just
   * added", Iceberg REST spec), since a catalog may renumber a schema it already knows.
   */
  readonly schema?: EvolvedSchema;
  /** The table's `last-column-id` after the change (unchanged when no schema is proposed). */
  readonly lastColumnId: number;
}

/**
 * Evolves a live table's schema toward the schema a template wants (for an `add-schema` commit,
 * or to report drift). Applies only safe changes: with any breaking change, no schema.
 */
export function evolveSchema(
  live: LiveIcebergSchema,
  lastColumnId: number,
  desired: IcebergSchemaFields,
  options: SchemaEvolutionOptions = {},
): SchemaEvolution {
  const merger = new SchemaMerger(Math.max(lastColumnId, maxId(live.fields)), options.formatVersion ?? 2);
  const fields = merger.struct('', live.fields, desired.fields);
  const changes = merger.changes;
  const breaking = changes.filter((c) => c.class === 'breaking');
  if (breaking.length > 0 || changes.length === 0) return { changes, breaking, lastColumnId };
  const identifiers = live['identifier-field-ids'];
  const schema: EvolvedSchema = {
    type: 'struct',
    'schema-id': live['schema-id'] + 1,
    fields,
    ...(identifiers && identifiers.length > 0 ? { 'identifier-field-ids': [...identifiers] } : {}),
  };
  return { changes, breaking, schema, lastColumnId: merger.lastColumnId };
}

/** Name path of every field id in a schema (struct fields, list elements, map keys and values). */
export function fieldPathsById(schema: IcebergSchemaFields): Map<number, string> {
  const paths = new Map<number, string>();
  const visit = (type: IcebergJsonType, path: string): void => {
    if (typeof type === 'string') return;
    if (type.type === 'struct') {
      for (const f of type.fields) {
        paths.set(f.id, join(path, f.name));
        visit(f.type, join(path, f.name));
      }
    } else if (type.type === 'list') {
      paths.set(type['element-id'], join(path, 'element'));
      visit(type.element, join(path, 'element'));
    } else {
      paths.set(type['key-id'], join(path, 'key'));
      paths.set(type['value-id'], join(path, 'value'));
      visit(type.key, join(path, 'key'));
      visit(type.value, join(path, 'value'));
    }
  };
  visit({ type: 'struct', fields: [...schema.fields] }, '');
  return paths;
}

/** A partition field as Iceberg JSON (`partition-spec.fields[]`). */
export interface PartitionFieldJson {
  readonly 'source-id': number;
  readonly 'field-id'?: number;
  readonly name: string;
  readonly transform: string;
}

/** A sort field as Iceberg JSON (`sort-order.fields[]`). */
export interface SortFieldJson {
  readonly 'source-id': number;
  readonly transform: string;
  readonly direction: string;
  readonly 'null-order': string;
}

/** A partition spec or sort order with the schema its `source-id`s refer to. */
export interface WithSchema<F> {
  readonly schema: IcebergSchemaFields;
  readonly fields: readonly F[];
}

const NEW_DATA_ONLY = 'safe, applies to new data only: files already written keep their layout and Iceberg plans queries over both';

interface Resolved<F> {
  readonly key: string;
  readonly source: string;
  readonly transform: string;
  readonly field: F;
}

/** Keys fields by source column name + transform, e.g. `day(event_time)`; an unknown id is `#<id>`. */
function resolve<F extends { readonly 'source-id': number; readonly transform: string }>(spec: WithSchema<F>): Resolved<F>[] {
  const paths = fieldPathsById(spec.schema);
  return spec.fields.map((field) => {
    const source = paths.get(field['source-id']) ?? `#${field['source-id']}`;
    const transform = normalizePrimitive(field.transform);
    return { key: `${transform}(${source})`, source, transform, field };
  });
}

/** Fields in both, in the order each side has them, when that order differs. */
function orderChanged(base: readonly Resolved<unknown>[], target: readonly Resolved<unknown>[]): [string[], string[]] | undefined {
  const inBase = new Set(base.map((f) => f.key));
  const inTarget = new Set(target.map((f) => f.key));
  const before = base.filter((f) => inTarget.has(f.key)).map((f) => f.key);
  const after = target.filter((f) => inBase.has(f.key)).map((f) => f.key);
  return before.join('\u0000') === after.join('\u0000') ? undefined : [before, after];
}

/** How one kind of field list (partition spec, sort order) names its fields and their changes. */
interface FieldListRules<F> {
  readonly label: 'partition' | 'sort';
  readonly kinds: {
    readonly added: SchemaChangeKind;
    readonly removed: SchemaChangeKind;
    readonly changed: SchemaChangeKind;
    readonly reordered: SchemaChangeKind;
  };
  /** What a field is besides its source and transform: `(name ts_day)`, `asc nulls-first`. */
  readonly describe: (field: F) => string;
  /** What changed in a field kept by source + transform, if anything. */
  readonly changed: (before: F, after: F) => string | undefined;
}

/** Fields added, removed, changed or reordered, matched by source column name + transform. All safe: new data only. */
function compareFieldLists<F extends { readonly 'source-id': number; readonly transform: string }>(
  base: WithSchema<F>,
  target: WithSchema<F>,
  rules: FieldListRules<F>,
): SchemaChange[] {
  const before = resolve(base);
  const after = resolve(target);
  const beforeByKey = new Map(before.map((f) => [f.key, f]));
  const afterKeys = new Set(after.map((f) => f.key));
  const changes: SchemaChange[] = [];
  const change = (kind: SchemaChangeKind, f: Resolved<F>, what: string): void => {
    changes.push({ class: 'safe', kind, path: f.source, transform: f.transform, message: `${what}: ${NEW_DATA_ONLY}` });
  };
  for (const f of after) {
    const old = beforeByKey.get(f.key);
    const changed = old && rules.changed(old.field, f.field);
    if (!old) change(rules.kinds.added, f, `new ${rules.label} field ${f.key} ${rules.describe(f.field)}`);
    else if (changed) change(rules.kinds.changed, f, `${rules.label} field ${f.key} ${changed}`);
  }
  for (const f of before) {
    if (!afterKeys.has(f.key)) change(rules.kinds.removed, f, `${rules.label} field ${f.key} ${rules.describe(f.field)} removed`);
  }
  const order = orderChanged(before, after);
  if (order) {
    const what = `${rules.label} fields reordered from (${order[0].join(', ')}) to (${order[1].join(', ')})`;
    changes.push({ class: 'safe', kind: rules.kinds.reordered, path: '', message: `${what}: ${NEW_DATA_ONLY}` });
  }
  return changes;
}

/** Partition fields added, removed, renamed or reordered, matched by source column name + transform. All safe. */
export function comparePartitionSpecs(base: WithSchema<PartitionFieldJson>, target: WithSchema<PartitionFieldJson>): SchemaChange[] {
  return compareFieldLists(base, target, {
    label: 'partition',
    kinds: {
      added: 'partition-field-added',
      removed: 'partition-field-removed',
      changed: 'partition-field-renamed',
      reordered: 'partition-fields-reordered',
    },
    describe: (f) => `(name ${f.name})`,
    changed: (a, b) => (a.name === b.name ? undefined : `renamed from ${a.name} to ${b.name}`),
  });
}

function sortText(f: SortFieldJson): string {
  return `${normalizePrimitive(f.direction)} ${normalizePrimitive(f['null-order'])}`;
}

/** Sort fields added, removed, changed (direction or null order) or reordered, matched by source column name + transform. All safe. */
export function compareSortOrders(base: WithSchema<SortFieldJson>, target: WithSchema<SortFieldJson>): SchemaChange[] {
  return compareFieldLists(base, target, {
    label: 'sort',
    kinds: { added: 'sort-field-added', removed: 'sort-field-removed', changed: 'sort-field-changed', reordered: 'sort-fields-reordered' },
    describe: sortText,
    changed: (a, b) => (sortText(a) === sortText(b) ? undefined : `changed from ${sortText(a)} to ${sortText(b)}`),
  });
}

/** The format version of a table that does not say (Java `TableMetadata.DEFAULT_TABLE_FORMAT_VERSION`). */
export const DEFAULT_FORMAT_VERSION = 2;

/**
 * Table properties set, changed or removed (safe: no data is rewritten, writers use the new value
 * from their next commit), except `format-version`: an upgrade is safe but one-way, a downgrade is
 * breaking (Iceberg cannot downgrade a table). Keys in code-point order.
 */
export function compareProperties(base: Readonly<Record<string, string>>, target: Readonly<Record<string, string>>): SchemaChange[] {
  const keys = [...new Set([...Object.keys(base), ...Object.keys(target)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const changes: SchemaChange[] = [];
  for (const key of keys) {
    const from = base[key];
    const to = target[key];
    if (from === to) continue;
    if (key === 'format-version') {
      const v = formatVersionChange(from, to);
      if (v) changes.push(v);
      continue;
    }
    if (from === undefined) changes.push(propertyChange('property-set', key, `property ${key} set to ${JSON.stringify(to)}`));
    else if (to === undefined)
      changes.push(
        propertyChange('property-removed', key, `property ${key} (was ${JSON.stringify(from)}) removed, so Iceberg's default applies`),
      );
    else
      changes.push(
        propertyChange('property-changed', key, `property ${key} changed from ${JSON.stringify(from)} to ${JSON.stringify(to)}`),
      );
  }
  return changes;
}

function propertyChange(kind: SchemaChangeKind, key: string, what: string): SchemaChange {
  return { class: 'safe', kind, path: key, message: `${what}: safe, no data is rewritten; writers use it from their next commit` };
}

function formatVersionChange(fromText: string | undefined, toText: string | undefined): SchemaChange | undefined {
  const from = Number(fromText ?? DEFAULT_FORMAT_VERSION);
  const to = Number(toText ?? DEFAULT_FORMAT_VERSION);
  if (from === to) return undefined;
  const what = `format-version changed from ${from} to ${to}`;
  return to > from
    ? {
        class: 'safe',
        kind: 'format-version-upgraded',
        path: 'format-version',
        from: String(from),
        to: String(to),
        message: `${what}: safe but one-way, a table cannot be downgraded again, and every reader and writer must support v${to}`,
      }
    : {
        class: 'breaking',
        kind: 'format-version-downgraded',
        path: 'format-version',
        from: String(from),
        to: String(to),
        message: `${what}: breaking, Iceberg cannot downgrade a table ("Cannot downgrade v${from} table to v${to}")`,
      };
}

/** The parts of an Iceberg table definition that are compared (the shape of `toIcebergTableJson`). */
export interface IcebergTableDefinition {
  readonly schema: IcebergSchemaFields;
  readonly 'partition-spec': { readonly fields: readonly PartitionFieldJson[] };
  readonly 'sort-order': { readonly fields: readonly SortFieldJson[] };
  readonly properties: Readonly<Record<string, string>>;
}

/**
 * Schema, partition spec, sort order and properties of two table definitions, compared.
 * The format version comes from the target's `format-version` property unless given.
 * A v3 `date` → `timestamp` promotion is breaking for a column that an identity or bucket partition
 * uses (spec: a promotion is not allowed when the transform's result would change).
 */
export function compareIcebergTables(
  base: IcebergTableDefinition,
  target: IcebergTableDefinition,
  options: SchemaEvolutionOptions = {},
): SchemaChange[] {
  const formatVersion = options.formatVersion ?? Number(target.properties['format-version'] ?? DEFAULT_FORMAT_VERSION);
  const partitions = resolve({ schema: target.schema, fields: target['partition-spec'].fields });
  const schema = compareIcebergSchemas(base.schema, target.schema, { formatVersion }).map((c) => {
    const affected = partitions.find((p) => p.source === c.path && (p.transform === 'identity' || p.transform.startsWith('bucket[')));
    if (c.kind !== 'type-widened' || c.from !== 'date' || !affected) return c;
    return {
      ...c,
      class: 'breaking' as const,
      kind: 'type-changed' as const,
      message: `type of '${c.path}' changed from ${c.from} to ${c.to}: breaking, partition field ${affected.key} would produce different values (Iceberg spec, "Schema Evolution")`,
    };
  });
  return [
    ...schema,
    ...comparePartitionSpecs(
      { schema: base.schema, fields: base['partition-spec'].fields },
      { schema: target.schema, fields: target['partition-spec'].fields },
    ),
    ...compareSortOrders(
      { schema: base.schema, fields: base['sort-order'].fields },
      { schema: target.schema, fields: target['sort-order'].fields },
    ),
    ...compareProperties(base.properties, target.properties),
  ];
}
