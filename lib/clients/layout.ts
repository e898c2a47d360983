import { compare } from '../model/compare';

/** Object with keys in code-point order (JSON and HCL output stay stable). */
export function sortedRecord<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  return Object.fromEntries([...entries].sort(([a], [b]) => compare(a, b)));
}
