import { describe, expect, it } from 'vitest';
import { generateTemplateYamls } from '../../bench/generate-templates';
import { parseTableTemplate, restrictedColumns } from '../../lib/model';

describe('benchmark template generator', () => {
  const yamls = generateTemplateYamls(200);
  const parsed = [...yamls].map(([file, text]) => parseTableTemplate(file, text));

  it('generates valid templates only', () => {
    expect(parsed.flatMap((p) => p.problems)).toEqual([]);
  });

  it('generates a realistic mix: 8–40 columns, nested types, restricted columns, append-only tables', () => {
    const templates = parsed.map((p) => p.template!);
    const columns = templates.map((t) => t.columns.length);
    expect(Math.min(...columns)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...columns)).toBeLessThanOrEqual(40);
    expect(templates.some((t) => t.parsedColumns.some((c) => c.type.kind === 'struct'))).toBe(true);
    expect(templates.filter((t) => restrictedColumns(t).length > 0).length).toBeGreaterThan(100);
    expect(templates.filter((t) => t.append_only).length).toBe(67);
    expect(new Set(templates.map((t) => t.namespace)).size).toBe(4);
  });

  it('is deterministic', () => {
    expect([...generateTemplateYamls(200)]).toEqual([...yamls]);
  });
});
