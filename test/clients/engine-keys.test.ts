import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planLakehouse } from '../../lib/plan';
import { engineSettings, type EngineSettings, type PyIcebergProperties } from '../../lib/clients';
import { shippedTemplates } from '../support/synth';
import { shippedEnvironment } from './fixtures';

type Status = 'required' | 'set' | 'optional';
interface KeyRow {
  readonly catalog: string;
  readonly engine: string;
  readonly key: string;
  readonly status: Status;
  readonly source: string;
}

const DOC = join(__dirname, '..', '..', 'docs', 'clients.md');
const SECTION = '## Settings keys and their sources';

/** The rows of the key table in docs/clients.md (the section above, up to the next heading). */
function keyTable(): KeyRow[] {
  const text = readFileSync(DOC, 'utf8');
  const start = text.indexOf(SECTION);
  if (start < 0) throw new Error(`docs/clients.md has no '${SECTION}' section`);
  const body = text.slice(start + SECTION.length).split(/\n## /)[0]!;
  return body
    .split('\n')
    .filter((l) => /^\| (glue|nessie|biglake) \|/.test(l))
    .map((l) => {
      const [catalog, engine, key, status, source] = l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      return { catalog: catalog!, engine: engine!, key: key!.replace(/^`|`$/g, ''), status: status as Status, source: source! };
    });
}

/** PyIceberg's nested blocks (`auth: {type}`) as dotted keys, as the doc table writes them. */
function flatten(props: PyIcebergProperties): string[] {
  return Object.entries(props).flatMap(([k, v]) => (typeof v === 'string' ? [k] : Object.keys(v).map((n) => `${k}.${n}`)));
}

/** Exported keys per engine, with the catalog name written `<catalog>` as in the doc. */
function exportedKeys(s: EngineSettings): Record<string, string[]> {
  const generic = (keys: string[]): string[] =>
    keys.map((k) => k.replace(`spark.sql.catalog.${s.catalogName}`, 'spark.sql.catalog.<catalog>')).sort();
  const out: Record<string, string[]> = { spark: generic(Object.keys(s.spark)) };
  if (s.pyiceberg) out.pyiceberg = generic(flatten(s.pyiceberg));
  if (s.trino) out.trino = generic(Object.keys(s.trino));
  if (s.catalog === 'nessie') out['spark-nessie-catalog'] = generic(Object.keys(s.sparkNessieCatalog));
  return out;
}

const rows = keyTable();
const CASES = [
  { catalog: 'glue', settings: () => engineSettings(planLakehouse(shippedEnvironment('dev'), shippedTemplates())), withOptions: false },
  {
    catalog: 'glue',
    settings: () => engineSettings(planLakehouse(shippedEnvironment('prod'), shippedTemplates()), { glueCatalogId: '111122223333' }),
    withOptions: true,
  },
  {
    catalog: 'nessie',
    settings: () => engineSettings(planLakehouse(shippedEnvironment('staging'), shippedTemplates())),
    withOptions: false,
  },
  {
    catalog: 'biglake',
    settings: () => engineSettings(planLakehouse(shippedEnvironment('gcp-dev'), shippedTemplates())),
    withOptions: false,
  },
] as const;

describe('the key table in docs/clients.md', () => {
  it('is there, names a documentation URL for every row and lists each key once per engine', () => {
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) {
      expect(r.source, `${r.catalog}/${r.engine}/${r.key}`).toMatch(/^https:\/\/\S+$/);
      expect(['required', 'set', 'optional']).toContain(r.status);
    }
    const ids = rows.map((r) => `${r.catalog}|${r.engine}|${r.key}`);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each(CASES)('exported $catalog settings (options: $withOptions) against docs/clients.md', ({ catalog, settings, withOptions }) => {
  const s = settings();
  const exported = exportedKeys(s);

  it('cover every engine the table lists for the catalog, and no other', () => {
    const engines = [...new Set(rows.filter((r) => r.catalog === catalog).map((r) => r.engine))].sort();
    expect(Object.keys(exported).sort()).toEqual(engines);
  });

  it.each(Object.keys(exported))('%s: holds every required and set key and nothing the table does not know', (engine) => {
    const table = rows.filter((r) => r.catalog === catalog && r.engine === engine);
    const expected = table
      .filter((r) => r.status !== 'optional' || withOptions)
      .map((r) => r.key)
      .sort();
    expect(exported[engine]).toEqual(expected);
  });
});
