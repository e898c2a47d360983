import { describe, expect, it } from 'vitest';
import { isCloudTrailEvent, parseTableChange } from '../../../functions/drift-check/cloudtrail-event';
import { monitoringEndpoint, putMetricData, putMetricDataBody } from '../../../functions/drift-check/metrics';
import { monitoringFetch, RUNTIME_ENV, type MonitoringCall } from './helpers';

describe('PutMetricData (CloudWatch Query API)', () => {
  it('sends the form the API reference defines, signed for service monitoring in the function region', async () => {
    const calls: MonitoringCall[] = [];
    await putMetricData('Lakehouse/acme-prod', [{ name: 'SchemaDriftTables', value: 3, unit: 'Count' }], {
      env: RUNTIME_ENV,
      fetch: monitoringFetch(calls),
      now: () => new Date('2030-01-02T03:04:05Z'),
    });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe('https://monitoring.eu-west-1.amazonaws.com/');
    expect([...call!.form.entries()]).toEqual([
      ['Action', 'PutMetricData'],
      ['Version', '2010-08-01'],
      ['Namespace', 'Lakehouse/acme-prod'],
      ['MetricData.member.1.MetricName', 'SchemaDriftTables'],
      ['MetricData.member.1.Value', '3'],
      ['MetricData.member.1.Unit', 'Count'],
    ]);
    expect(call!.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(call!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20300102\/eu-west-1\/monitoring\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(call!.headers['x-amz-security-token']).toBe('session-token');
    expect(call!.headers['x-amz-date']).toBe('20300102T030405Z');
  });

  it('encodes the namespace slash and numbers members in order', () => {
    const body = putMetricDataBody('Lakehouse/x', [
      { name: 'A', value: 1, unit: 'Count' },
      { name: 'B', value: 0, unit: 'Count' },
    ]);
    expect(body).toBe(
      'Action=PutMetricData&Version=2010-08-01&Namespace=Lakehouse%2Fx&MetricData.member.1.MetricName=A&MetricData.member.1.Value=1&MetricData.member.1.Unit=Count&MetricData.member.2.MetricName=B&MetricData.member.2.Value=0&MetricData.member.2.Unit=Count',
    );
    expect(monitoringEndpoint('cn-north-1')).toBe('https://monitoring.cn-north-1.amazonaws.com.cn/');
  });

  it("reports CloudWatch's error code and message (an IAM refusal outside the allowed namespace)", async () => {
    const refusal = () =>
      new Response(
        '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: cloudwatch:PutMetricData</Message></Error></ErrorResponse>',
        { status: 403 },
      );
    await expect(
      putMetricData('Other', [{ name: 'X', value: 1, unit: 'Count' }], { env: RUNTIME_ENV, fetch: monitoringFetch([], refusal) }),
    ).rejects.toThrow('PutMetricData to Other failed: AccessDenied: User is not authorized to perform: cloudwatch:PutMetricData');
  });
});

describe('CloudTrail records of Glue table changes', () => {
  const envelope = (detail: Record<string, unknown>) => ({ 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.glue', detail });

  it('tells CloudTrail records from schedules and manual runs', () => {
    expect(isCloudTrailEvent(envelope({}))).toBe(true);
    expect(isCloudTrailEvent({})).toBe(false);
    expect(isCloudTrailEvent({ 'detail-type': 'Scheduled Event', detail: {} })).toBe(false);
  });

  it('an IAM user deleting a table: the user ARN is the principal, there is no session', () => {
    const change = parseTableChange(
      envelope({
        eventName: 'DeleteTable',
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/bob' },
        requestParameters: { databaseName: 'acme_prod_sales', name: 'orders' },
      }),
    );
    expect(change).toEqual({
      eventName: 'DeleteTable',
      database: 'acme_prod_sales',
      tables: ['orders'],
      principal: 'arn:aws:iam::111122223333:user/bob',
    });
  });

  it('a batch delete names every table; the root user is named by its ARN', () => {
    const change = parseTableChange(
      envelope({
        eventName: 'BatchDeleteTable',
        userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root' },
        requestParameters: { databaseName: 'db', tablesToDelete: ['a', 'b', 'a'] },
      }),
    );
    expect(change.tables).toEqual(['a', 'b']);
    expect(change.principal).toBe('arn:aws:iam::111122223333:root');
  });
});
