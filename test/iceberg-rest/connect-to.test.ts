import { afterEach, describe, expect, it } from 'vitest';
import { fetchConnectingTo } from '../../lib/iceberg-rest/connect-to';
import { TEST_TLS_CERT, TEST_TLS_HOST, TlsFront } from '../support/tls-front';

let front: TlsFront | undefined;
afterEach(async () => {
  await front?.close();
  front = undefined;
});

/** `localhost` resolves to the server's 127.0.0.1: the address the connection really goes to. */
const ADDRESS = 'localhost';

describe('fetchConnectingTo', () => {
  it('connects to the other address while the TLS server name and the Host header stay the URI host', async () => {
    front = await TlsFront.start();
    const go = fetchConnectingTo(TEST_TLS_HOST, ADDRESS, { ca: TEST_TLS_CERT });
    const answer = await go(`https://${TEST_TLS_HOST}:${front.port}/iceberg/v1/config?warehouse=warehouse`, {
      headers: { authorization: 'Bearer tok' },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({});
    expect(front.seen).toEqual([
      {
        host: `${TEST_TLS_HOST}:${front.port}`,
        servername: TEST_TLS_HOST,
        method: 'GET',
        path: '/iceberg/v1/config?warehouse=warehouse',
        authorization: 'Bearer tok',
        body: '',
      },
    ]);
  });

  it('verifies the certificate against the URI host: another name fails before any request is sent', async () => {
    front = await TlsFront.start();
    const go = fetchConnectingTo('other.internal.test', ADDRESS, { ca: TEST_TLS_CERT });
    const error = await go(`https://other.internal.test:${front.port}/iceberg/v1/config`, {
      headers: { authorization: 'Bearer tok' },
    }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(front.seen).toEqual([]);
  });

  it('trusts only the CA store it is given: a self-signed server is refused by default', async () => {
    front = await TlsFront.start();
    const error = await fetchConnectingTo(TEST_TLS_HOST, ADDRESS)(`https://${TEST_TLS_HOST}:${front.port}/`).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(front.seen).toEqual([]);
  });

  it('never sends a request for the host over plain http', async () => {
    const go = fetchConnectingTo(TEST_TLS_HOST, ADDRESS);
    await expect(go(`http://${TEST_TLS_HOST}/iceberg/v1/config`)).rejects.toThrow(
      `refusing to send a request for ${TEST_TLS_HOST} anywhere but over https (http://${TEST_TLS_HOST})`,
    );
  });

  it('sends requests for other hosts (token endpoint, Secrets Manager) through the ordinary fetch', async () => {
    const seen: string[] = [];
    const other: typeof fetch = async (input) => {
      seen.push(String(input));
      return new Response('{"access_token":"t"}', { status: 200 });
    };
    const go = fetchConnectingTo(TEST_TLS_HOST, ADDRESS, { fetch: other });
    expect((await go('https://acme.auth.eu-west-1.amazoncognito.com/oauth2/token', { method: 'POST' })).status).toBe(200);
    expect(seen).toEqual(['https://acme.auth.eu-west-1.amazoncognito.com/oauth2/token']);
  });

  it('sends the body of a POST and returns statuses without a body', async () => {
    front = await TlsFront.start();
    const go = fetchConnectingTo(TEST_TLS_HOST, ADDRESS, { ca: TEST_TLS_CERT });
    const answer = await go(`https://${TEST_TLS_HOST}:${front.port}/iceberg/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ namespace: ['sales'] }),
    });
    expect(answer.ok).toBe(true);
    expect(front.seen[0]).toMatchObject({ method: 'POST', path: '/iceberg/v1/namespaces', body: '{"namespace":["sales"]}' });
  });
});
