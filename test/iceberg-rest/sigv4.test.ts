import { describe, expect, it } from 'vitest';
import { canonicalRequestOf, credentialsFromEnvironment, signSigV4, SigV4Authenticator } from '../../lib/iceberg-rest/auth/sigv4';

/**
 * AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite, as shipped with the AWS
 * SDKs' signer tests): every case signs with these credentials, scope and time, and the expected
 * value is the suite's `Signature=` for the case. A wrong byte anywhere in the canonical request,
 * the string to sign or the key derivation changes the signature.
 */
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SCOPE = { region: 'us-east-1', service: 'service' };
const DATE = new Date('2015-08-30T12:36:00Z');
const HOST = 'example.amazonaws.com';

interface Vector {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path?: string;
  readonly query?: [string, string][];
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

const VECTORS: Vector[] = [
  {
    name: 'get-vanilla',
    method: 'GET',
    signedHeaders: 'host;x-amz-date',
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  {
    name: 'get-vanilla-query-order-key-case',
    method: 'GET',
    query: [
      ['Param2', 'value2'],
      ['Param1', 'value1'],
    ],
    signedHeaders: 'host;x-amz-date',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  {
    name: 'get-vanilla-query-unreserved',
    method: 'GET',
    query: [
      [
        '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
        '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
      ],
    ],
    signedHeaders: 'host;x-amz-date',
    signature: '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197',
  },
  {
    name: 'get-vanilla-utf8-query',
    method: 'GET',
    query: [['ሴ', 'bar']],
    signedHeaders: 'host;x-amz-date',
    signature: '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04',
  },
  {
    name: 'get-unreserved',
    method: 'GET',
    path: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    signedHeaders: 'host;x-amz-date',
    signature: '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f',
  },
  {
    name: 'get-utf8',
    method: 'GET',
    path: '/ሴ',
    signedHeaders: 'host;x-amz-date',
    signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85',
  },
  {
    name: 'get-header-value-trim',
    method: 'GET',
    headers: { 'my-header1': 'value1', 'my-header2': '"a   b   c"' },
    signedHeaders: 'host;my-header1;my-header2;x-amz-date',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  {
    name: 'post-vanilla',
    method: 'POST',
    signedHeaders: 'host;x-amz-date',
    signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
  },
  {
    name: 'post-vanilla-query',
    method: 'POST',
    query: [['Param1', 'value1']],
    signedHeaders: 'host;x-amz-date',
    signature: '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11',
  },
  {
    name: 'post-vanilla-query-nonunreserved',
    method: 'POST',
    query: [
      ['@#$%^', ''],
      ['+', '/,?><`";:\\|][{}'],
    ],
    signedHeaders: 'host;x-amz-date',
    signature: '66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e',
  },
  {
    name: 'post-header-key-sort',
    method: 'POST',
    headers: { 'my-header1': 'value1' },
    signedHeaders: 'host;my-header1;x-amz-date',
    signature: 'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c',
  },
  {
    name: 'post-header-value-case',
    method: 'POST',
    headers: { 'My-Header1': 'VALUE1' },
    signedHeaders: 'host;my-header1;x-amz-date',
    signature: 'cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d',
  },
  {
    name: 'post-x-www-form-urlencoded',
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
  {
    name: 'post-x-www-form-urlencoded-parameters',
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf8' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
    signature: '1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe',
  },
];

const STS_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/' +
  'kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+' +
  'scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

describe('SigV4 against AWS test suite vectors', () => {
  it.each(VECTORS)('$name', (v) => {
    const signed = signSigV4(
      { method: v.method, path: v.path ?? '/', query: v.query, headers: { host: HOST, ...v.headers }, body: v.body },
      CREDENTIALS,
      SCOPE,
      DATE,
    );
    expect(signed['x-amz-date']).toBe('20150830T123600Z');
    expect(signed.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${v.signedHeaders}, Signature=${v.signature}`,
    );
  });

  it('post-sts-header-before: temporary credentials sign and send x-amz-security-token', () => {
    const signed = signSigV4(
      { method: 'POST', path: '/', headers: { host: HOST } },
      { ...CREDENTIALS, sessionToken: STS_TOKEN },
      SCOPE,
      DATE,
    );
    expect(signed['x-amz-security-token']).toBe(STS_TOKEN);
    expect(signed.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
        'SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
    );
  });

  it('encodes an already-encoded path once more (non-S3 services), as the 2011 suite case get-space shows', () => {
    // aws4_testsuite get-space: request path `/%20/foo` → canonical path `/%2520/foo`.
    const { canonicalRequest } = canonicalRequestOf({ method: 'GET', path: '/%20/foo', headers: { host: 'host.foo.com' } });
    expect(canonicalRequest.split('\n')[1]).toBe('/%2520/foo');
  });

  it('a changed body, path or region changes the signature', () => {
    const base = { method: 'POST', path: '/iceberg/v1/config', headers: { host: 'glue.eu-west-1.amazonaws.com' }, body: '{}' };
    const sig = (input: typeof base, region = 'eu-west-1') =>
      signSigV4(input, CREDENTIALS, { region, service: 'glue' }, DATE).authorization.split('Signature=')[1] ?? '';
    const reference = sig(base);
    expect(sig({ ...base, body: '{ }' })).not.toBe(reference);
    expect(sig({ ...base, path: '/iceberg/v1/configs' })).not.toBe(reference);
    expect(sig(base, 'eu-west-2')).not.toBe(reference);
  });
});

describe('SigV4Authenticator', () => {
  it('signs host, content type and date for service glue with the given credentials', async () => {
    const auth = new SigV4Authenticator({
      region: 'eu-west-1',
      service: 'glue',
      credentials: () => ({ ...CREDENTIALS, sessionToken: 'token' }),
      now: () => DATE,
    });
    const headers = await auth.headersFor({
      method: 'POST',
      origin: 'https://glue.eu-west-1.amazonaws.com',
      host: 'glue.eu-west-1.amazonaws.com',
      path: '/iceberg/v1/catalogs/123456789012/namespaces',
      query: [],
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"namespace":["analytics"]}',
    });
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/eu-west-1\/glue\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-amz-security-token']).toBe('token');
    expect(headers.host).toBeUndefined();
  });

  it('reads the Lambda runtime credentials from the environment and says what is missing', () => {
    expect(credentialsFromEnvironment({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_SESSION_TOKEN: 'c' })).toEqual({
      accessKeyId: 'a',
      secretAccessKey: 'b',
      sessionToken: 'c',
    });
    expect(() => credentialsFromEnvironment({})).toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set/);
  });
});
