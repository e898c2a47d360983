/**
 * The JSON Schemas' patterns said in words: a message about a bad value says what is allowed,
 * never the regular expression (test/model/schema-messages.test.ts checks every pattern of both
 * schemas has words here).
 */

const SNAKE = 'lowercase snake_case: a lowercase letter first, then lowercase letters, digits and underscores';
const FIELD_NAME = 'lowercase snake_case: lowercase letters, digits and underscores, starting with a letter or an underscore';

/** `<value> <words>`, keyed by the pattern exactly as the schema writes it. */
export const PATTERN_WORDS: Readonly<Record<string, string>> = {
  // table-template.schema.json
  '^[a-z][a-z0-9_]*$': `is not ${SNAKE}`,
  '^[a-z_][a-z0-9_]*$': `is not ${FIELD_NAME}`,
  '^(s3|gs)://[a-z0-9][a-z0-9.\\-_]{1,220}(/.*)?$':
    'is not an object-store URI: write s3://bucket/prefix or gs://bucket/prefix (not a local path, file:// or http(s)://)',
  '^gs://[a-z0-9][a-z0-9._\\-]{1,220}/.+\\.metadata\\.json$':
    'is not an Iceberg metadata file in Cloud Storage: write gs://<bucket>/<path>/<version>.metadata.json',
  '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$':
    'is not a column name or a dotted path to a struct field (such as payload.country): names of letters, digits and underscores joined by dots',
  '^(identity|year|month|day|hour|void|bucket\\[[0-9]+\\]|truncate\\[[0-9]+\\])$':
    'is not a transform: use identity, bucket[N], truncate[W], year, month, day, hour or void',
  // environment.schema.json
  '^[a-z][a-z0-9-]*[a-z0-9]$':
    'is not a valid name: at least two lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
  '^[a-z]{2,}(-[a-z]+)+-?[0-9]+$': 'is not a region name such as us-east-1 (AWS) or europe-west1 (Google Cloud)',
  '^[a-z][a-z0-9_-]*$': 'is not a valid key: lowercase letters, digits, underscores and hyphens, starting with a letter',
  '^[a-z0-9][a-z0-9_-]*$':
    'is not a single path segment: lowercase letters, digits, underscores and hyphens, starting with a letter or digit (no slashes)',
  '^[0-9]+\\.[0-9]+\\.[0-9]+$': 'is not a release version such as 0.108.4 (a moving tag like latest is not pinned)',
  '^[a-z][a-z0-9_]{0,30}$': 'is not a valid prefix: a lowercase letter, then at most 30 lowercase letters, digits and underscores',
  '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$':
    'is not a DNS name such as nessie.example.com: lowercase labels of letters, digits and hyphens joined by dots',
  '^Z[A-Z0-9]{1,32}$': 'is not a Route 53 hosted zone id: Z followed by up to 32 uppercase letters and digits',
  '^[a-z][a-z0-9-]{4,28}[a-z0-9]$':
    'is not a Google Cloud project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
};

/** What a value is, as a person would write it in the file: `"Orders-2024"`, `42`, `a list`. */
export function quoteValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** `a string`, `an integer`, ... for a JSON Schema type name. */
export function typeInWords(type: string): string {
  const words: Record<string, string> = {
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping (key: value lines)',
    array: 'a list',
    null: 'null',
  };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}
