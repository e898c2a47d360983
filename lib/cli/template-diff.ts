/**
 * Classifies every difference between two sets of table templates (a base and the working ones):
 * schema, partitioning, sort order and properties by Iceberg's schema-evolution rules
 * (lib/model/schema-evolution.ts), plus table-level and access changes, each located in a YAML file.
 */
import { relative } from 'node:path';
import { toIcebergTableJson } from '../model/mappings/iceberg-json';
import type { PathSegment } from '../model/problems';
import { compareIcebergTables, type SchemaChange, type SchemaChangeKind } from '../model/schema-evolution';
import type { LoadedTableTemplate, ParsedColumn } from '../model/table-template';
import { YamlSource } from '../model/yaml-source';

/** `access`: who sees what changes; never safe, always reported for review. */
export type DiffClass = 'safe' | 'breaking' | 'access';

/** Kinds of change that only templates have (the schema ones are `SCHEMA_CHANGE_KINDS`). */
export const TEMPLATE_CHANGE_KINDS = [
  'table-added',
  'table-removed',
  'namespace-changed',
  'table-description-changed',
  'tags-changed',
  'maintenance-changed',
  'source-changed',
  'gcp-changed',
  'gcp-table-mode-changed',
  'access-level-changed',
  'pii-changed',
  'masking-changed',
  'append-only-changed',
] as const;

export type TemplateChangeKind = SchemaChangeKind | (typeof TEMPLATE_CHANGE_KINDS)[number];

export interface TemplateChange {
  readonly class: DiffClass;
  /** Stable id: one of `SCHEMA_CHANGE_KINDS` or `TEMPLATE_CHANGE_KINDS`. */
  readonly kind: TemplateChangeKind;
  /** `namespace.name` of the table (the working one, or the base one when removed). */
  readonly table: string;
  /** Where to look: the working file, or the base file when the whole table was removed. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** YAML field path in that file, as `lakehouse validate` prints it (`columns[2].type`). */
  readonly field: string;
  /** Iceberg name path of the column (`payload.country`), a property key, or '' for the table. */
  readonly path: string;
  readonly message: string;
  readonly from?: string;
  readonly to?: string;
}

/** One side of the comparison: validated templates and the text of each template's file. */
export interface TemplateSide {
  /** The templates folder as the user named it; files are compared relative to it. */
  readonly root: string;
  readonly templates: readonly LoadedTableTemplate[];
  readonly textOf: (file: string) => string;
}

const key = (t: LoadedTableTemplate): string => `${t.namespace}.${t.name}`;

/** Locates YAML paths in one template's file, with the file parsed once. */
class Locator {
  private source?: YamlSource;

  constructor(
    readonly template: LoadedTableTemplate,
    private readonly side: TemplateSide,
  ) {}

  at(path: readonly PathSegment[]): { file: string; line: number; column: number; field: string } {
    this.source ??= new YamlSource(this.template.file, this.side.textOf(this.template.file));
    const p = this.source.locate({ path, message: '' });
    return { file: p.file, line: p.line, column: p.column, field: p.field };
  }

  columnIndex(name: string): number {
    return this.template.columns.findIndex((c) => c.name === name);
  }
}

/**
 * Every difference, in base/working order of tables (code-point order of `namespace.name`), each
 * located. Tables are matched by `namespace.name`, so a template moved to another file is the same table.
 */
export function diffTemplates(base: TemplateSide, working: TemplateSide): TemplateChange[] {
  const before = new Map(base.templates.map((t) => [key(t), t]));
  const after = new Map(working.templates.map((t) => [key(t), t]));
  const changes: TemplateChange[] = [];
  for (const [k, t] of after) {
    const b = before.get(k);
    if (b) changes.push(...diffTable(new Locator(b, base), new Locator(t, working)));
  }
  const removed = [...before.values()].filter((t) => !after.has(key(t)));
  const added = [...after.values()].filter((t) => !before.has(key(t)));
  changes.push(...tableMoves(removed, added, base, working));
  return changes;
}

/** Tables added and removed; the same name in another namespace is reported once, as a namespace change. */
function tableMoves(
  removed: LoadedTableTemplate[],
  added: LoadedTableTemplate[],
  base: TemplateSide,
  working: TemplateSide,
): TemplateChange[] {
  const changes: TemplateChange[] = [];
  const paired = new Set<LoadedTableTemplate>();
  const sameFile = (r: LoadedTableTemplate, a: LoadedTableTemplate): boolean =>
    relative(base.root, r.file) === relative(working.root, a.file);
  for (const r of removed) {
    const moved =
      added.find((a) => !paired.has(a) && a.name === r.name && sameFile(r, a)) ?? added.find((a) => !paired.has(a) && a.name === r.name);
    if (moved) {
      paired.add(moved);
      changes.push({
        ...new Locator(moved, working).at(['namespace']),
        class: 'breaking',
        kind: 'namespace-changed',
        table: key(moved),
        path: '',
        from: r.namespace,
        to: moved.namespace,
        message: `namespace changed from ${r.namespace} to ${moved.namespace}: breaking, ${key(moved)} is a different table: ${key(r)} ${REMOVAL} and ${key(moved)} is created empty`,
      });
      continue;
    }
    const renamed = added.find((a) => !paired.has(a) && sameFile(r, a));
    changes.push({
      ...new Locator(r, base).at(['name']),
      class: 'breaking',
      kind: 'table-removed',
      table: key(r),
      path: '',
      message: `table ${key(r)} was removed: breaking, it ${REMOVAL}, and queries and pipelines that use it fail${renamed ? tableRenameHint(r, renamed) : ''}`,
    });
  }
  for (const a of added.filter((t) => !paired.has(t))) {
    changes.push({
      ...new Locator(a, working).at(['name']),
      class: 'safe',
      kind: 'table-added',
      table: key(a),
      path: '',
      message: `new table ${key(a)} (${a.columns.length} column${a.columns.length === 1 ? '' : 's'}): safe, created on the next apply`,
    });
  }
  return changes;
}

const REMOVAL =
  'leaves the catalog on the next apply (with protect_data: true, the default, Terraform refuses to destroy it and the plan fails instead)';

function tableRenameHint(from: LoadedTableTemplate, to: LoadedTableTemplate): string {
  return (
    `. If it was renamed to ${key(to)}: templates have no table identity besides namespace.name (the model cannot express a rename), ` +
    `so a rename is a drop + add and ${key(to)} starts empty. To keep the data, keep the name ${from.name}, or create ${key(to)}, ` +
    'copy the data, and remove the old template in a later change with --allow-breaking'
  );
}

function diffTable(b: Locator, t: Locator): TemplateChange[] {
  const schema = compareIcebergTables(toIcebergTableJson(b.template), toIcebergTableJson(t.template), {
    formatVersion: t.template.formatVersion,
  });
  return [...withRenameHints(schema).map((c) => locateSchemaChange(c, b, t)), ...accessChanges(b, t), ...settingChanges(b, t)];
}

/** A dropped column next to an added one of the same type, in the same struct, is likely a rename. */
function withRenameHints(changes: readonly SchemaChange[]): SchemaChange[] {
  const parent = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('.')));
  const leaf = (path: string): string => path.slice(path.lastIndexOf('.') + 1);
  const used = new Set<SchemaChange>();
  return changes.map((c) => {
    if (c.kind !== 'column-dropped') return c;
    const add = changes.find(
      (a) => !used.has(a) && a.kind.startsWith('column-added') && parent(a.path) === parent(c.path) && a.to === c.from,
    );
    if (!add) return c;
    used.add(add);
    const hint =
      `. If '${c.path}' was renamed to '${add.path}': templates have no column identity (the model cannot express a rename), ` +
      `so this is a drop + add and '${add.path}' starts empty. To keep the data, keep the name ${leaf(c.path)} (change its description instead), ` +
      `or add ${leaf(add.path)}, copy the data, and drop ${leaf(c.path)} in a later change with --allow-breaking`;
    return { ...c, message: c.message + hint };
  });
}

/** The YAML node a schema change is about: removals point at the closest node that still exists. */
function locateSchemaChange(c: SchemaChange, b: Locator, t: Locator): TemplateChange {
  const base = { class: c.class, kind: c.kind, table: key(t.template), path: c.path, message: c.message, from: c.from, to: c.to };
  const where = (path: readonly PathSegment[]): TemplateChange => ({ ...base, ...t.at(path) });
  if (c.kind.startsWith('partition-')) return where(listEntry(t.template.partition_spec, 'partition_spec', c));
  if (c.kind.startsWith('sort-')) return where(listEntry(t.template.sort_order, 'sort_order', c));
  if (c.kind.startsWith('property-') || c.kind.startsWith('format-version-')) return where(['properties', c.path]);
  if (c.path === '') return where(['columns']);
  const [top, ...rest] = c.path.split('.');
  const i = t.columnIndex(top!);
  if (i < 0) return where(['columns']);
  if (rest.length > 0) return where(['columns', i, 'type']);
  const leaf: Record<string, string> = {
    'required-to-optional': 'required',
    'optional-to-required': 'required',
    'doc-changed': 'description',
  };
  if (c.kind.startsWith('column-added') || c.kind === 'column-reordered') return where(['columns', i]);
  return where(['columns', i, leaf[c.kind] ?? 'type']);
}

function listEntry(
  list: readonly { readonly column: string; readonly transform?: string }[] | undefined,
  name: string,
  c: SchemaChange,
): PathSegment[] {
  const norm = (s: string | undefined): string => (s ?? 'identity').replace(/\s+/g, '').toLowerCase();
  const i = (list ?? []).findIndex((e) => e.column === c.path && norm(e.transform) === c.transform);
  return i < 0 ? [name] : [name, i];
}

const DEFAULT_ACCESS = { accessLevel: 'public', pii: false, masking: undefined } as const;

/** access_level, pii and masking of each column, and the table's append_only. */
function accessChanges(b: Locator, t: Locator): TemplateChange[] {
  const changes: TemplateChange[] = [];
  const table = key(t.template);
  const push = (
    kind: TemplateChangeKind,
    path: readonly PathSegment[],
    column: string,
    message: string,
    from: string,
    to: string,
  ): void => {
    changes.push({ ...t.at(path), class: 'access', kind, table, path: column, message, from, to });
  };
  const old = new Map(b.template.parsedColumns.map((c) => [c.name, c]));
  t.template.parsedColumns.forEach((c, i) => {
    const before: Pick<ParsedColumn, 'accessLevel' | 'pii' | 'masking'> = old.get(c.name) ?? DEFAULT_ACCESS;
    const isNew = old.has(c.name) ? '' : ' (a new column; the default)';
    if (before.accessLevel !== c.accessLevel) {
      const message = accessLevelMessage(c.name, before.accessLevel, c.accessLevel, isNew);
      push('access-level-changed', ['columns', i, 'access_level'], c.name, message, before.accessLevel, c.accessLevel);
    }
    if (before.pii !== c.pii) {
      const what = c.pii ? 'now marked as personal data' : 'no longer marked as personal data';
      const message = `pii of '${c.name}' changed from ${before.pii}${isNew} to ${c.pii}: ${what}; review who may read it`;
      push('pii-changed', ['columns', i, 'pii'], c.name, message, String(before.pii), String(c.pii));
    }
    if (before.masking !== c.masking) {
      const show = (m: string | undefined): string => m ?? '(none)';
      push(
        'masking-changed',
        ['columns', i, 'masking'],
        c.name,
        `masking of '${c.name}' changed from ${show(before.masking)} to ${show(c.masking)}: what readers without access to it see on GCP (BigQuery data masking) changes`,
        show(before.masking),
        show(c.masking),
      );
    }
  });
  const [from, to] = [b.template.append_only ?? false, t.template.append_only ?? false];
  if (from !== to) {
    const effect = to ? 'deletes are no longer granted and storage deletes are denied' : 'writers may delete and rewrite rows again';
    changes.push({
      ...t.at(['append_only']),
      class: 'access',
      kind: 'append-only-changed',
      table,
      path: '',
      message: `append_only changed from ${from} to ${to}: ${effect}`,
      from: String(from),
      to: String(to),
    });
  }
  return changes;
}

const RANK: Readonly<Record<string, number>> = { public: 0, internal: 1, restricted: 2 };

function accessLevelMessage(column: string, from: string, to: string, isNew: string): string {
  const effect =
    (RANK[to] ?? 0) < (RANK[from] ?? 0)
      ? `more readers can see it (${to} tier and up)`
      : `fewer readers can see it (${to} tier and up only)`;
  return `access_level of '${column}' changed from ${from}${isNew} to ${to}: ${effect}`;
}

/** Table description, tags, maintenance, source and gcp settings: no Iceberg schema change. */
function settingChanges(b: Locator, t: Locator): TemplateChange[] {
  const changes: TemplateChange[] = [];
  for (const name of ['description', 'tags', 'maintenance', 'source', 'gcp'] as const) {
    const from = stableJson(b.template[name]);
    const to = stableJson(t.template[name]);
    if (from === to) continue;
    const what = `${name} changed from ${from ?? '(none)'} to ${to ?? '(none)'}`;
    const change = { ...t.at([name]), table: key(t.template), path: '', from, to };
    const modeChanged = (b.template.gcp?.metadata_uri === undefined) !== (t.template.gcp?.metadata_uri === undefined);
    if (name === 'gcp' && modeChanged) {
      changes.push({
        ...change,
        ...t.at(['gcp', 'metadata_uri']),
        class: 'breaking',
        kind: 'gcp-table-mode-changed',
        message: `${what}: breaking on GCP, the table changes between a BigQuery-managed Iceberg table and an external table reading gcp.metadata_uri, which is a different BigQuery table`,
      });
      continue;
    }
    const kind: TemplateChangeKind = name === 'description' ? 'table-description-changed' : `${name}-changed`;
    changes.push({ ...change, class: 'safe', kind, message: `${what}: safe, no Iceberg schema change` });
  }
  return changes;
}

/** JSON with keys in code-point order, so equal settings compare equal and messages are stable. */
function stableJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0)))
      : v,
  );
}
