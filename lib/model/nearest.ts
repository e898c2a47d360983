import { compare } from './compare';

/**
 * `; did you mean 'x'?` for the closest candidates (those at the smallest edit distance, at most
 * three), or '' when none is close enough to be a likely typo.
 */
export function nearest(value: string, candidates: readonly string[]): string {
  const limit = Math.max(2, Math.floor(value.length / 4));
  const scored = candidates.map((c) => ({ c, d: editDistance(value.toLowerCase(), c.toLowerCase()) })).filter(({ d }) => d <= limit);
  if (scored.length === 0) return '';
  const best = Math.min(...scored.map(({ d }) => d));
  const picks = scored
    .filter(({ d }) => d === best)
    .map(({ c }) => c)
    .sort(compare)
    .slice(0, 3);
  return `; did you mean ${picks.map((c) => `'${c}'`).join(' or ')}?`;
}

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}
