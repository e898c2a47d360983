/**
 * The one string order of the project: code-point order, the same on every machine and locale
 * (`localeCompare` depends on the machine's locale, so output sorted with it could differ between
 * a laptop and CI). Everything that reaches output is sorted with this.
 */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares by several keys in turn: `compareBy(x => x.namespace, x => x.name)`. */
export function compareBy<T>(...keys: ReadonlyArray<(item: T) => string>): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const order = compare(key(a), key(b));
      if (order !== 0) return order;
    }
    return 0;
  };
}
