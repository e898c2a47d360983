import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/** The test-only certificate for `nessie.internal.test` (test/fixtures/tls/README.md). */
export const TEST_TLS_HOST = 'nessie.internal.test';
export const TEST_TLS_CERT = readFileSync(resolve(__dirname, '..', 'fixtures', 'tls', 'nessie-test.crt'), 'utf8');
const TEST_TLS_KEY = readFileSync(resolve(__dirname, '..', 'fixtures', 'tls', 'nessie-test.key'), 'utf8');

export interface SeenRequest {
  readonly host: string | undefined;
  /** The TLS server name the client sent (SNI). */
  readonly servername: string | false | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

/**
 * An HTTPS server on 127.0.0.1 with the `nessie.internal.test` certificate, standing where a load
 * balancer terminates TLS: it records what each request proved (SNI, Host) and forwards it to
 * `upstream` (an http origin such as a FakeIcebergCatalog), or answers `{}` without one.
 */
export class TlsFront {
  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly seen: SeenRequest[],
  ) {}

  static async start(upstream?: string): Promise<TlsFront> {
    const seen: SeenRequest[] = [];
    const server = createServer({ cert: TEST_TLS_CERT, key: TEST_TLS_KEY }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          host: req.headers.host,
          servername: (req.socket as { servername?: string | false }).servername,
          method: req.method,
          path: req.url,
          authorization: req.headers.authorization,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (!upstream) {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<
          string,
          string
        >;
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        fetch(`${upstream}${req.url}`, { method: req.method, headers, body })
          .then(async (answer) => {
            res.writeHead(answer.status, Object.fromEntries(answer.headers.entries())).end(Buffer.from(await answer.arrayBuffer()));
          })
          .catch(() => res.writeHead(502).end());
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return new TlsFront(server, (server.address() as AddressInfo).port, seen);
  }

  close(): Promise<void> {
    return new Promise((done, fail) => this.server.close((e) => (e ? fail(e) : done())));
  }
}
