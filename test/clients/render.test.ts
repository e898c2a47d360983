import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderProperties, renderPyIcebergYaml, renderSortedJson } from '../../lib/clients';

/** The subset of java.util.Properties.load our files use: `#` comments, `key=value` / `key value`, escapes. */
function loadProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const unescape = (s: string): string =>
    s.replace(/\\u([0-9a-f]{4})|\\(.)/g, (_m, hex: string | undefined, c: string | undefined) =>
      hex ? String.fromCharCode(parseInt(hex, 16)) : c!,
    );
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^((?:\\.|[^\\ =:])+)[ =:]\s*(.*)$/.exec(line)!;
    out[unescape(m[1]!)] = unescape(m[2]!);
  }
  return out;
}

describe('renderers', () => {
  const props = { 'b.key': 'value with spaces', 'a key:x=y': 'C:\\path', 'c.unicode': 'café', 'd.url': '<x from: cdktf output s>/iceberg' };

  it('writes sorted, escaped Java properties that load back to the same map', () => {
    const text = renderProperties(props, ['header'], '=');
    expect(text.split('\n')).toEqual([
      '# header',
      'a\\ key\\:x\\=y=C:\\\\path',
      'b.key=value with spaces',
      'c.unicode=caf\\u00e9',
      'd.url=<x from: cdktf output s>/iceberg',
      '',
    ]);
    expect(loadProperties(text)).toEqual(props);
    expect(loadProperties(renderProperties(props, [], ' '))).toEqual(props);
  });

  it('writes a .pyiceberg.yaml that YAML parsers read as strings', () => {
    const text = renderPyIcebergYaml('lakehouse', { uri: '<x from: cdktf output s>/iceberg', 's3.region': 'us-east-1', port: '8080' }, [
      'generated',
    ]);
    expect(parse(text)).toEqual({
      catalog: { lakehouse: { uri: '<x from: cdktf output s>/iceberg', 's3.region': 'us-east-1', port: '8080' } },
    });
    expect(text.startsWith('# generated\ncatalog:\n  lakehouse:\n    port: "8080"\n')).toBe(true);
  });

  it("writes PyIceberg's nested auth block as a YAML map and keeps empty strings", () => {
    const text = renderPyIcebergYaml('lake', { uri: 'https://x', auth: { type: 'google' }, 'header.X-Iceberg-Access-Delegation': '' }, []);
    expect(text).toBe(
      'catalog:\n  lake:\n    auth:\n      type: "google"\n    header.X-Iceberg-Access-Delegation: ""\n    uri: "https://x"\n',
    );
    expect(parse(text)).toEqual({
      catalog: { lake: { uri: 'https://x', auth: { type: 'google' }, 'header.X-Iceberg-Access-Delegation': '' } },
    });
  });

  it('sorts JSON keys at every depth but keeps array order', () => {
    expect(renderSortedJson({ b: 1, a: { d: [3, 1], c: undefined, b: 'x' } })).toBe(
      '{\n  "a": {\n    "b": "x",\n    "d": [\n      3,\n      1\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
});
