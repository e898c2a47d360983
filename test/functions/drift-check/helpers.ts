import type { DriftCheckTables, ExpectedTable } from '../../../lib/iceberg-rest/drift-check-input';
import { toIcebergTableJson } from '../../../lib/model/mappings/iceberg-json';
import type { LoadedTableTemplate } from '../../../lib/model/table-template';

/** What the construct embeds for a template: the key, the catalog namespace and the Iceberg definition. */
export function expectedTable(t: LoadedTableTemplate, namespace = t.namespace): ExpectedTable {
  return { key: `${t.namespace}.${t.name}`, namespace: [namespace], name: t.name, definition: toIcebergTableJson(t) };
}

export function expectedTables(...templates: LoadedTableTemplate[]): DriftCheckTables {
  return { version: 1, tables: templates.map((t) => expectedTable(t)) };
}

/** The network fetch, kept before any test stubs the global one. */
const networkFetch = globalThis.fetch;

export interface MonitoringCall {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly form: URLSearchParams;
}

/**
 * fetch that answers CloudWatch (monitoring.<region>.amazonaws.com) itself, recording each call,
 * and sends everything else (the fake catalog on 127.0.0.1) to the network.
 */
export function monitoringFetch(calls: MonitoringCall[], answer: () => Response = () => ok()): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    if (!url.startsWith('https://monitoring.')) return networkFetch(input, init);
    calls.push({ url, headers: { ...(init?.headers as Record<string, string>) }, form: new URLSearchParams(String(init?.body)) });
    return answer();
  };
}

function ok(): Response {
  return new Response(
    '<PutMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></PutMetricDataResponse>',
    {
      status: 200,
      headers: { 'content-type': 'text/xml' },
    },
  );
}

/** The metric values of the recorded PutMetricData calls, as `name=value`. */
export function metricValues(calls: readonly MonitoringCall[]): string[] {
  return calls.flatMap((c) => {
    const out: string[] = [];
    for (let i = 1; c.form.has(`MetricData.member.${i}.MetricName`); i++) {
      out.push(`${c.form.get(`MetricData.member.${i}.MetricName`)}=${c.form.get(`MetricData.member.${i}.Value`)}`);
    }
    return out;
  });
}

export const RUNTIME_ENV = {
  LAKEHOUSE_METRIC_NAMESPACE: 'Lakehouse/acme-test',
  LAKEHOUSE_PREFIX: 'acme-test',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token',
};
