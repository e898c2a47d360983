/**
 * Who can become whom, for both clouds: AWS assume-role edges (trust policies) and Google
 * impersonation edges (service account roles). A principal holds its own access plus the access
 * of everything it can reach.
 */
import type { AccessTable, AnalyzedPrincipal, Evidence, PrincipalKind, Tier } from './model';

export interface Edge {
  readonly from: string;
  readonly to: string;
  /** The resource that allows it (trust policy, identity policy, IAM binding). */
  readonly address: string;
}

/** Everything `from` can reach, with the path of edges that first reaches each; `*` edges start anywhere. */
export function reachable(from: string, edges: readonly Edge[]): Map<string, Edge[]> {
  const paths = new Map<string, Edge[]>();
  const queue: { at: string; path: Edge[] }[] = [{ at: from, path: [] }];
  while (queue.length > 0) {
    const { at, path } = queue.shift()!;
    for (const e of edges.filter((x) => x.from === at || x.from === '*')) {
      if (e.to === from || paths.has(e.to)) continue;
      const next = [...path, e];
      paths.set(e.to, next);
      queue.push({ at: e.to, path: next });
    }
  }
  return paths;
}

export interface PrincipalFacts {
  readonly key: string;
  readonly id: string;
  readonly tier?: Tier;
  readonly kind: PrincipalKind;
  readonly recognisedBy: string;
  readonly address?: string;
}

/**
 * Own evidence plus the evidence of every reachable principal (its `how` prefixed by `via`), for
 * each principal; those without a tier and without any access are left out.
 */
export function withReachable(
  principals: readonly PrincipalFacts[],
  tables: readonly AccessTable[],
  own: ReadonlyMap<string, ReadonlyMap<string, readonly Evidence[]>>,
  edges: readonly Edge[],
  via: (to: string, path: readonly Edge[]) => string,
): AnalyzedPrincipal[] {
  const out: AnalyzedPrincipal[] = [];
  for (const p of principals) {
    const reach = reachable(p.key, edges);
    const evidence = new Map<string, Evidence[]>();
    for (const t of tables) {
      const all = [...(own.get(p.key)?.get(t.key) ?? [])];
      for (const [to, path] of reach) {
        for (const e of own.get(to)?.get(t.key) ?? []) all.push({ ...e, how: `${via(to, path)}: ${e.how}` });
      }
      evidence.set(t.key, dedupe(all));
    }
    if (p.tier === undefined && ![...evidence.values()].some((e) => e.length > 0)) continue;
    out.push({
      id: p.id,
      ...(p.tier ? { tier: p.tier } : {}),
      recognisedBy: p.recognisedBy,
      kind: p.kind,
      ...(p.address ? { address: p.address } : {}),
      evidence,
    });
  }
  return out;
}

/** One piece of evidence per capability and granting resource. */
export function dedupe(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const e of evidence) {
    const key = `${e.capability}\u0000${e.address}`;
    if (!seen.has(key)) seen.set(key, e);
  }
  return [...seen.values()];
}
