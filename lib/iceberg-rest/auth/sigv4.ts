/**
 * AWS Signature Version 4 for the Glue Iceberg REST endpoint (service `glue`), per AWS's
 * "Create a signed AWS API request" (IAM user guide) and tested against AWS's published SigV4 test
 * suite. Written here (about 60 lines) rather than taken from @smithy/signature-v4 so the Lambda
 * bundle has no dependency tree and synthesis-time code never loads an SDK.
 */
import { createHash, createHmac } from 'node:crypto';
import { rfc3986, type OutgoingRequest, type RequestAuthenticator } from './authenticator';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SigV4Scope {
  readonly region: string;
  /** Signing name: `glue` for the Glue Iceberg REST endpoint. */
  readonly service: string;
}

/** What is signed: method, path as sent, decoded query pairs, headers (host included) and body. */
export interface SigV4Input {
  readonly method: string;
  readonly path: string;
  readonly query?: readonly (readonly [string, string])[];
  /** Headers to sign; must include `host`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** `20150830T123600Z` */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * Each path segment is encoded once more, as SigV4 requires for every service but S3 (a path
 * sent as `/a%1Fb` is canonicalized as `/a%251Fb`, which is what AWS computes on its side).
 */
function canonicalPath(path: string): string {
  return path
    .split('/')
    .map((segment) => rfc3986(segment))
    .join('/');
}

function canonicalQuery(query: readonly (readonly [string, string])[]): string {
  const encoded = query.map(([k, v]) => [rfc3986(k), rfc3986(v)] as const);
  encoded.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}

/** SigV4's canonical request and signed-header list for a request whose headers are final. */
export function canonicalRequestOf(input: SigV4Input): { canonicalRequest: string; signedHeaders: string } {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers)) headers.set(name.toLowerCase(), value.trim().replace(/\s+/g, ' '));
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalPath(input.path),
    canonicalQuery(input.query ?? []),
    names.map((n) => `${n}:${headers.get(n)}\n`).join(''),
    signedHeaders,
    sha256Hex(input.body ?? ''),
  ].join('\n');
  return { canonicalRequest, signedHeaders };
}

export interface SigV4Headers {
  readonly authorization: string;
  readonly 'x-amz-date': string;
  readonly 'x-amz-security-token'?: string;
}

/** The headers to add to a request: `authorization`, `x-amz-date` and, with temporary credentials, `x-amz-security-token`. */
export function signSigV4(input: SigV4Input, credentials: AwsCredentials, scope: SigV4Scope, date: Date): SigV4Headers {
  const stamp = amzDate(date);
  const day = stamp.slice(0, 8);
  const added = { 'x-amz-date': stamp, ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}) };
  const { canonicalRequest, signedHeaders } = canonicalRequestOf({ ...input, headers: { ...input.headers, ...added } });
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, stamp, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), scope.region), scope.service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    ...added,
    authorization: `${ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/** The Lambda runtime's credentials: its execution role's session, exported as environment variables. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): AwsCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (the Lambda runtime sets them)');
  }
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}

export interface SigV4AuthenticatorOptions extends SigV4Scope {
  /** @default - the environment's credentials, read for every request */
  readonly credentials?: () => AwsCredentials | Promise<AwsCredentials>;
  /** @default - the system clock */
  readonly now?: () => Date;
}

/** Signs every catalog request with SigV4 (the Glue Iceberg REST endpoint accepts nothing else). */
export class SigV4Authenticator implements RequestAuthenticator {
  constructor(private readonly options: SigV4AuthenticatorOptions) {}

  async headersFor(request: OutgoingRequest): Promise<Record<string, string>> {
    const credentials = await (this.options.credentials ?? credentialsFromEnvironment)();
    const signed: Record<string, string> = { host: request.host };
    // Content type is signed when sent, so a proxy cannot change how the body is read.
    if (request.headers['content-type']) signed['content-type'] = request.headers['content-type'];
    const date = this.options.now ? this.options.now() : new Date();
    return { ...signSigV4({ ...request, headers: signed }, credentials, this.options, date) };
  }
}
