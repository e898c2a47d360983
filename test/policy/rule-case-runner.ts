import { describe, expect, it } from 'vitest';
import { findingsOf } from './fixtures';
import type { RuleCase } from './rule-cases';

/** Registers a compliant and a non-compliant test per case. */
export function describeRuleCases(title: string, cases: readonly RuleCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      const label = `${c.rule.id}${c.name ? ` (${c.name})` : ''}`;
      it(`${label}: compliant fixture has no finding`, () => {
        const findings = findingsOf(c.rule, c.compliant, c.env(), c.templates?.());
        expect(findings).toEqual([]);
      });
      it(`${label}: non-compliant fixture is reported on ${c.address}`, () => {
        const findings = findingsOf(c.rule, c.nonCompliant, c.env(), c.templates?.());
        expect(findings.map((f) => `${f.ruleId} ${f.address}`)).toContain(`${c.rule.id} ${c.address}`);
        const finding = findings.find((f) => f.ruleId === c.rule.id && f.address === c.address)!;
        if (c.message) expect(finding.message).toMatch(c.message);
        expect(finding.fix).toBe(c.rule.fix);
      });
    }
  });
}
