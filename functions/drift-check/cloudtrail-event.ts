/**
 * A Glue table change as EventBridge delivers it from CloudTrail (`detail-type` "AWS API Call via
 * CloudTrail", `detail` = the CloudTrail record: `userIdentity`, `eventName`, `requestParameters`;
 * AWS CloudTrail User Guide, "CloudTrail record contents"). Glue's UpdateTable and DeleteTable
 * name `databaseName` plus `tableInput.name` or `name`; BatchDeleteTable lists `tablesToDelete`.
 */

export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

export interface TableChangeEvent {
  readonly eventName: string;
  readonly eventTime?: string;
  readonly eventId?: string;
  readonly database?: string;
  readonly tables: readonly string[];
  /** The caller: the role (session issuer) for assumed roles, else the identity's own ARN. */
  readonly principal: string;
  /** The session's ARN (`arn:aws:sts::<account>:assumed-role/<role>/<session>`), which names the person or job. */
  readonly sessionArn?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
}

export function isCloudTrailEvent(event: unknown): boolean {
  return isObject(event) && event['detail-type'] === CLOUDTRAIL_DETAIL_TYPE && isObject(event.detail);
}

export function parseTableChange(event: unknown): TableChangeEvent {
  const detail = isObject(event) && isObject(event.detail) ? event.detail : {};
  const identity = isObject(detail.userIdentity) ? detail.userIdentity : {};
  const session = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObject(session.sessionIssuer) ? session.sessionIssuer : {};
  const params = isObject(detail.requestParameters) ? detail.requestParameters : {};
  const input = isObject(params.tableInput) ? params.tableInput : {};
  const tables = [
    ...[input.name, params.name].filter((n): n is string => typeof n === 'string'),
    ...(Array.isArray(params.tablesToDelete) ? params.tablesToDelete.filter((n): n is string => typeof n === 'string') : []),
  ];
  const principal = str(issuer.arn) ?? str(identity.arn) ?? str(identity.type) ?? 'unknown';
  return {
    eventName: str(detail.eventName) ?? 'unknown',
    ...opt('eventTime', str(detail.eventTime)),
    ...opt('eventId', str(detail.eventID)),
    ...opt('database', str(params.databaseName)),
    tables: [...new Set(tables)],
    principal,
    ...opt('sessionArn', str(issuer.arn) !== undefined ? str(identity.arn) : undefined),
    ...opt('sourceIp', str(detail.sourceIPAddress)),
    ...opt('userAgent', str(detail.userAgent)),
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
