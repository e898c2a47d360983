/**
 * CloudWatch PutMetricData through its Query API (POST form-encoded `Action=PutMetricData`,
 * `Version=2010-08-01`, `Namespace`, `MetricData.member.N.*`; Amazon CloudWatch API Reference,
 * "PutMetricData" and "Making Query requests"), signed with SigV4 (service `monitoring`) with the
 * function's own credentials, so the bundle needs no AWS SDK.
 */
import { credentialsFromEnvironment, signSigV4 } from '../../lib/iceberg-rest/auth/sigv4';

export interface MetricDatum {
  readonly name: string;
  readonly value: number;
  readonly unit: 'Count';
}

export interface MetricsDeps {
  readonly fetch?: typeof fetch;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
}

/** `https://monitoring.<region>.amazonaws.com/` (`.com.cn` in the China regions). */
export function monitoringEndpoint(region: string): string {
  return `https://monitoring.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}/`;
}

/** The form body of one PutMetricData call (one value per metric, no dimensions). */
export function putMetricDataBody(namespace: string, data: readonly MetricDatum[]): string {
  const params: [string, string][] = [
    ['Action', 'PutMetricData'],
    ['Version', '2010-08-01'],
    ['Namespace', namespace],
  ];
  data.forEach((d, i) => {
    const member = `MetricData.member.${i + 1}`;
    params.push([`${member}.MetricName`, d.name], [`${member}.Value`, String(d.value)], [`${member}.Unit`, d.unit]);
  });
  return new URLSearchParams(params).toString();
}

/** Publishes the data points; throws with CloudWatch's error code and message when it refuses them. */
export async function putMetricData(namespace: string, data: readonly MetricDatum[], deps: MetricsDeps = {}): Promise<void> {
  const env = deps.env ?? process.env;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('AWS_REGION is not set: cannot publish CloudWatch metrics');
  const url = new URL(monitoringEndpoint(region));
  const body = putMetricDataBody(namespace, data);
  const headers = { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  const signed = signSigV4(
    { method: 'POST', path: '/', headers, body },
    credentialsFromEnvironment(env),
    { region, service: 'monitoring' },
    (deps.now ?? (() => new Date()))(),
  );
  const { host: _host, ...sent } = headers;
  const response = await (deps.fetch ?? fetch)(url.toString(), { method: 'POST', headers: { ...sent, ...signed }, body });
  if (response.ok) return;
  const text = await response.text();
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP ${response.status}`;
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  throw new Error(`PutMetricData to ${namespace} failed: ${code}${message ? `: ${message}` : ''}`);
}
