import { describe, expect, it } from 'vitest';
import { awsTestStack, synthStack } from '../../support/synth';
import { GlueLakehouse } from '../../../lib/aws/glue';
import { ALL_TEMPLATES, glueProps, synthGlue, template } from './glue-fixtures';

describe('GlueLakehouse props validation', () => {
  it('collects every problem into one error naming the prop', () => {
    const long = template(
      `name: notes\nnamespace: misc\ncolumns:\n  - { name: body, type: string, description: "${'x'.repeat(300)}" }\n`,
      'notes.yaml',
    );
    let message = '';
    try {
      synthGlue({ templates: [long], project: 'a'.repeat(50), readers: ['nobody'], maxManagedPoliciesPerRole: 30 });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid GlueLakehouse props at test\/glue:/);
    expect(message).toContain(
      `test.yaml: project: derived IAM role name '${'a'.repeat(50)}-test-lakehouse-lf-register' must be 1 to 64 characters long`,
    );
    expect(message).toContain('notes.yaml: columns[0].description: is 300 characters; Glue column comments hold at most 255');
    expect(message).toContain("test.yaml: access.readers[0]: 'nobody' is not an IAM principal (an account id or");
    expect(message).toContain('maxManagedPoliciesPerRole is 30; it must be a whole number from 1 to 20');
  });

  it('needs at least one template', () => {
    expect(() => synthGlue({ templates: [] })).toThrow(/needs at least one table template/);
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
        new GlueLakehouse(s, 'glue', glueProps({ templates: [...ALL_TEMPLATES()].reverse() }));
        return s;
      })(),
    );
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
