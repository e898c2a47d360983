/**
 * A `fetch` for a catalog reached under another DNS name than the one in its URI: connections to
 * the URI's host go to the addresses of `address` instead, while the TLS server name (SNI), the
 * certificate check and the Host header stay the URI's host. The table-provisioning function uses
 * it to reach Nessie's internal load balancer by the load balancer's own DNS name (which always
 * resolves inside the VPC) with the name its certificate covers (`nessie.host_name`), so a token
 * is only ever sent over TLS to a server proven to be that host, whether or not a DNS record for
 * the host name exists or has propagated yet.
 *
 * Node's `https.request` with a `lookup` function: the connection's address comes from the
 * lookup, the server name and the identity check from the URL's host name (node:tls
 * `checkServerIdentity(servername, cert)`).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpsRequest } from 'node:https';

export interface ConnectToOptions {
  /** Extra trusted certificates (PEM), for tests with a self-signed server. @default - Node's bundled CA store */
  readonly ca?: string | Buffer;
  /** Requests to other hosts (the OAuth2 token endpoint, Secrets Manager). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family: number) => void;

/** `fetch` sending requests for `host` (https only) to `address`; anything else through `options.fetch`. */
export function fetchConnectingTo(host: string, address: string, options: ConnectToOptions = {}): typeof fetch {
  const other = options.fetch ?? fetch;
  // Whatever host name the connection asks for (only `host`'s requests come here), resolve `address`.
  const lookup = (_hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void =>
    dnsLookup(address, { ...lookupOptions, all: lookupOptions.all === true } as LookupOptions & { all: boolean }, callback);
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname !== host) return other(input, init);
    if (url.protocol !== 'https:') throw new Error(`refusing to send a request for ${host} anywhere but over https (${url.origin})`);
    const body = init?.body === undefined || init.body === null ? undefined : String(init.body);
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method: init?.method ?? 'GET',
          headers: Object.fromEntries(new Headers(init?.headers).entries()),
          lookup,
          ...(options.ca !== undefined ? { ca: options.ca } : {}),
          ...(init?.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const v of [value ?? []].flat()) headers.append(name, v);
            }
            const bytes = Buffer.concat(chunks);
            const status = res.statusCode ?? 502;
            // A Response may not carry a body with these statuses (Fetch standard, "null body status").
            const nullBody = [101, 204, 205, 304].includes(status) || bytes.length === 0;
            resolve(new Response(nullBody ? null : bytes, { status, statusText: res.statusMessage ?? '', headers }));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}
