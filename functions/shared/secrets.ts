/**
 * Reads a secret from AWS Secrets Manager (GetSecretValue, JSON 1.1 protocol) with the function's
 * own credentials and the project's SigV4 signer, so the bundle needs no AWS SDK. Used for the
 * OAuth2 client secret of an authenticated Nessie catalog; the secret never enters Terraform state.
 */
import { credentialsFromEnvironment, signSigV4 } from '../../lib/iceberg-rest/auth/sigv4';

export interface SecretReaderDeps {
  readonly fetch?: typeof fetch;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
}

/** `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>` → its endpoint host and region. */
export function secretsManagerEndpoint(arn: string): { host: string; region: string } {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'secretsmanager' || !parts[3]) {
    throw new Error(`not a Secrets Manager secret ARN: ${arn}`);
  }
  const suffix = parts[1] === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return { host: `secretsmanager.${parts[3]}.${suffix}`, region: parts[3] };
}

/**
 * The secret's string. A JSON object secret yields its `client_secret` (or `clientSecret`) member,
 * so one secret can hold a client's id and secret together; any other string is returned as is.
 */
export async function readClientSecret(arn: string, deps: SecretReaderDeps = {}): Promise<string> {
  const { host, region } = secretsManagerEndpoint(arn);
  const body = JSON.stringify({ SecretId: arn });
  const headers = { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' };
  const credentials = credentialsFromEnvironment(deps.env ?? process.env);
  const signed = signSigV4(
    { method: 'POST', path: '/', headers, body },
    credentials,
    { region, service: 'secretsmanager' },
    (deps.now ?? (() => new Date()))(),
  );
  const { host: _host, ...sent } = headers;
  const response = await (deps.fetch ?? fetch)(`https://${host}/`, { method: 'POST', headers: { ...sent, ...signed }, body });
  const text = await response.text();
  const parsed = safeJson(text);
  if (!response.ok) {
    const type = typeof parsed?.__type === 'string' ? parsed.__type : `HTTP ${response.status}`;
    throw new Error(`could not read secret ${arn}: ${type}${typeof parsed?.message === 'string' ? `: ${parsed.message}` : ''}`);
  }
  const value = parsed?.SecretString;
  if (typeof value !== 'string' || value === '') throw new Error(`secret ${arn} has no SecretString (binary secrets are not supported)`);
  const inner = safeJson(value);
  const member = inner?.client_secret ?? inner?.clientSecret;
  return typeof member === 'string' ? member : value;
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
