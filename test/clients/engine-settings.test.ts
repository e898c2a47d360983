import { describe, expect, it } from 'vitest';
import { planLakehouse } from '../../lib/plan';
import { engineSettings, icebergTableSchemas } from '../../lib/clients';
import { toIcebergTableJson } from '../../lib/model';
import { shippedTemplates } from '../support/synth';
import { SHIPPED_TABLE_KEYS, shippedEnvironment } from './fixtures';

describe('engineSettings', () => {
  it("dispatches on the environment's catalog", () => {
    expect(engineSettings(planLakehouse(shippedEnvironment('prod'), shippedTemplates())).catalog).toBe('glue');
    expect(engineSettings(planLakehouse(shippedEnvironment('staging'), shippedTemplates())).catalog).toBe('nessie');
    expect(engineSettings(planLakehouse(shippedEnvironment('gcp-dev'), shippedTemplates())).catalog).toBe('biglake');
  });

  it('does not depend on the order of the templates', () => {
    const forward = engineSettings(planLakehouse(shippedEnvironment('dev'), shippedTemplates()));
    const backward = engineSettings(planLakehouse(shippedEnvironment('dev'), [...shippedTemplates()].reverse()));
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });

  it('reports every bad option at once, naming the option and the value', () => {
    expect(() =>
      engineSettings(planLakehouse(shippedEnvironment('dev'), shippedTemplates()), {
        catalogName: '1lake',
        nessieApiUrl: 'https://x',
        glueCatalogId: '1',
      }),
    ).toThrow(
      new Error(
        'Invalid client settings input for environment dev:\n' +
          "  - catalogName '1lake' must be letters, digits and underscores, not starting with a digit\n" +
          "  - nessieApiUrl is set but the environment's catalog is 'glue'; only catalog: nessie has a Nessie URL",
      ),
    );
    expect(() => engineSettings(planLakehouse(shippedEnvironment('staging'), []), { glueCatalogId: '111122223333' })).toThrow(
      /glueCatalogId is set but the environment's catalog is 'nessie'/,
    );
  });
});

describe('icebergTableSchemas', () => {
  it("returns toIcebergTableJson's output for every table, sorted by <namespace>.<table>", () => {
    const schemas = icebergTableSchemas(planLakehouse(shippedEnvironment('dev'), [...shippedTemplates()].reverse()));
    expect(schemas.map((s) => s.key)).toEqual(SHIPPED_TABLE_KEYS);
    const events = shippedTemplates().find((t) => t.name === 'event_stream')!;
    expect(schemas[0]!.json).toEqual(toIcebergTableJson(events));
  });
});
