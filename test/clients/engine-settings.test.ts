import { describe, expect, it } from 'vitest';
import { engineSettings, icebergTableSchemas } from '../../lib/clients';
import { toIcebergTableJson } from '../../lib/model';
import { shippedTemplates } from '../support/synth';
import { SHIPPED_TABLE_KEYS, shippedEnvironment } from './fixtures';

describe('engineSettings', () => {
  it("dispatches on the environment's catalog", () => {
    expect(engineSettings(shippedEnvironment('prod'), shippedTemplates()).catalog).toBe('glue');
    expect(engineSettings(shippedEnvironment('staging'), shippedTemplates()).catalog).toBe('nessie');
    expect(engineSettings(shippedEnvironment('gcp-dev'), shippedTemplates()).catalog).toBe('biglake');
  });

  it('does not depend on the order of the templates', () => {
    const forward = engineSettings(shippedEnvironment('dev'), shippedTemplates());
    const backward = engineSettings(shippedEnvironment('dev'), [...shippedTemplates()].reverse());
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });

  it('reports every bad option at once, naming the option and the value', () => {
    const t = shippedTemplates()[0]!;
    expect(() =>
      engineSettings(shippedEnvironment('dev'), [t, t], { catalogName: '1lake', nessieApiUrl: 'https://x', glueCatalogId: '1' }),
    ).toThrow(
      new Error(
        'Invalid client settings input for environment dev:\n' +
          "  - catalogName '1lake' must be letters, digits and underscores, not starting with a digit\n" +
          "  - nessieApiUrl is set but the environment's catalog is 'glue'; only catalog: nessie has a Nessie URL\n" +
          `  - table ${t.namespace}.${t.name} is given twice; table names must be unique per namespace`,
      ),
    );
    expect(() => engineSettings(shippedEnvironment('staging'), [], { glueCatalogId: '111122223333' })).toThrow(
      /glueCatalogId is set but the environment's catalog is 'nessie'/,
    );
  });
});

describe('icebergTableSchemas', () => {
  it("returns toIcebergTableJson's output for every table, sorted by <namespace>.<table>", () => {
    const schemas = icebergTableSchemas([...shippedTemplates()].reverse());
    expect(schemas.map((s) => s.key)).toEqual(SHIPPED_TABLE_KEYS);
    const events = shippedTemplates().find((t) => t.name === 'event_stream')!;
    expect(schemas[0]!.json).toEqual(toIcebergTableJson(events));
  });
});
