import { describe, expect, it } from 'vitest';
import { awsTestStack, synthStack } from '../../support/synth';
import { GlueLakehouse } from '../../../lib/aws/glue';
import { glueProps, synthGlue, template } from './glue-fixtures';

describe('GlueLakehouse props validation', () => {
  it('collects every problem into one error naming the prop', () => {
    const long = template(
      `name: notes\nnamespace: misc\ncolumns:\n  - { name: body, type: string, description: "${'x'.repeat(300)}" }\n`,
      'notes.yaml',
    );
    let message = '';
    try {
      synthGlue({ templates: [long], prefix: 'a'.repeat(50), trustedPrincipals: ['nobody'], maxManagedPoliciesPerRole: 30 });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid GlueLakehouse props:/);
    expect(message).toContain(`prefix: role name '${'a'.repeat(50)}-lakehouse-lf-register' must be 1 to 64 characters long`);
    expect(message).toContain("description of column 'body' is 300 characters; Glue column comments hold at most 255");
    expect(message).toContain("trustedPrincipals: 'nobody' is not an account id");
    expect(message).toContain('maxManagedPoliciesPerRole: 30 must be a whole number from 1 to 20');
  });

  it('needs at least one template', () => {
    expect(() => synthGlue({ templates: [] })).toThrow(/templates: is empty/);
  });

  it('synthesizes byte-identical JSON whatever the template order', () => {
    const a = synthStack(
      (() => {
        const s = awsTestStack();
        new GlueLakehouse(s, 'glue', glueProps());
        return s;
      })(),
    );
    const b = synthStack(
      (() => {
        const s = awsTestStack();
        new GlueLakehouse(s, 'glue', glueProps({ templates: [...glueProps().templates].reverse() }));
        return s;
      })(),
    );
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
