/**
 * "Did you mean ...?" for a mistyped word: the closest candidate by edit distance, counting a
 * swap of two neighbouring letters as one edit (`dya` → `day`), within a quarter of the word's
 * length (at least one edit, at most three), so unrelated words are not suggested.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  // One or two characters are too little to guess from (format-version 4 is not a typo of 1).
  if (word.length < 3) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 4)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean timestamptz?)` for a near miss, or ''. */
export function didYouMean(word: string, candidates: readonly string[], prefix = ''): string {
  const near = closestMatch(word, candidates);
  return near === undefined ? '' : ` (did you mean ${prefix}${near}?)`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
