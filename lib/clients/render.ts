/**
 * Text renderers for the exported client files. Keys are written in code-point order and nothing
 * depends on time or the machine, so two exports of the same input are byte-identical.
 */
import type { Properties, PyIcebergProperties } from './engine-settings-types';
import { compare } from '../model/compare';

function sortedEntries<V>(props: Readonly<Record<string, V>>): Array<[string, V]> {
  return Object.entries(props).sort(([a], [b]) => compare(a, b));
}

/** `\uXXXX` for anything outside printable ASCII, as java.util.Properties reads it. */
function escapeNonAscii(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapePropertyKey(key: string): string {
  return escapeNonAscii(key.replace(/\\/g, '\\\\').replace(/([ :=#!])/g, '\\$1'));
}

function escapePropertyValue(value: string): string {
  // Only a leading space would be lost; backslashes are escapes everywhere.
  return escapeNonAscii(value.replace(/\\/g, '\\\\').replace(/^ /, '\\ '));
}

/**
 * A java.util.Properties file (Trino catalogs use `key=value`; Spark reads spark-defaults.conf with
 * the same parser and accepts whitespace as the separator).
 */
export function renderProperties(props: Properties, header: readonly string[], separator: '=' | ' ' = '='): string {
  const lines = header.map((h) => `# ${h}`);
  for (const [k, v] of sortedEntries(props)) lines.push(`${escapePropertyKey(k)}${separator}${escapePropertyValue(v)}`);
  return `${lines.join('\n')}\n`;
}

/** YAML scalar: plain for simple keys, JSON-quoted (a valid YAML double-quoted string) otherwise. */
function yamlKey(key: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * `.pyiceberg.yaml` with one catalog; every value quoted so URLs and placeholders stay strings.
 * A nested record (PyIceberg's `auth` block) becomes a nested YAML map.
 */
export function renderPyIcebergYaml(catalogName: string, props: PyIcebergProperties, header: readonly string[]): string {
  const lines = [...header.map((h) => `# ${h}`), 'catalog:', `  ${yamlKey(catalogName)}:`];
  for (const [k, v] of sortedEntries(props)) {
    if (typeof v === 'string') lines.push(`    ${yamlKey(k)}: ${JSON.stringify(v)}`);
    else lines.push(`    ${yamlKey(k)}:`, ...sortedEntries(v).map(([nk, nv]) => `      ${yamlKey(nk)}: ${JSON.stringify(nv)}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Recursively sorts object keys; arrays keep their order (it is meaningful). */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => compare(a, b))
        .map(([k, v]) => [k, sortKeysDeep(v)]),
    );
  return value;
}

/** Pretty JSON with sorted keys and a final newline. */
export function renderSortedJson(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}
