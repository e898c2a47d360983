import { describe, expect, it } from 'vitest';
import { AWS_BASE, GCP_BASE, NESSIE_BASE, envProblems, parseEnv, problemAt } from './helpers';

const SNS = 'alarms:\n  sns_topic_arn: arn:aws:sns:eu-west-1:111122223333:alerts\n';
const CHANNEL = 'alarms:\n  notification_channel: projects/acme-test-1/notificationChannels/123456\n';
const drift = (yaml: string) => {
  const result = parseEnv(yaml);
  if (!result.environment) throw new Error(JSON.stringify(result.problems));
  return result.environment.drift;
};

describe('drift settings', () => {
  it('are on where alarms have a destination, hourly in each cloud syntax', () => {
    expect(drift(AWS_BASE)).toEqual({ enabled: false, schedule: 'rate(1 hour)' });
    expect(drift(`${AWS_BASE}${SNS}`)).toEqual({ enabled: true, schedule: 'rate(1 hour)' });
    expect(drift(GCP_BASE)).toEqual({ enabled: false, schedule: 'every 1 hours' });
    expect(drift(`${GCP_BASE}${CHANNEL}`)).toEqual({ enabled: true, schedule: 'every 1 hours' });
  });

  it('are off by default on Nessie with an external token issuer (no client of the stack to sign in with)', () => {
    const external = `${NESSIE_BASE}${SNS}nessie:\n  certificate_arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc\n  auth:\n    mode: external\n    issuer_url: https://idp.example.com\n    audience: nessie\n`;
    expect(drift(external).enabled).toBe(false);
    expect(drift(`${NESSIE_BASE}${SNS}`).enabled).toBe(true);
  });

  it('take explicit values over the defaults', () => {
    expect(drift(`${AWS_BASE}${SNS}drift:\n  enabled: false\n  schedule: rate(6 hours)\n`)).toEqual({
      enabled: false,
      schedule: 'rate(6 hours)',
    });
    expect(drift(`${AWS_BASE}drift:\n  enabled: true\n`).enabled).toBe(true);
  });

  it('an alarm destination of the other cloud is refused at its key', () => {
    expect(problemAt(envProblems(`${AWS_BASE}${CHANNEL}`), 'alarms.notification_channel').message).toBe(
      'a Cloud Monitoring notification channel is for cloud: gcp; use alarms.sns_topic_arn',
    );
    expect(problemAt(envProblems(`${GCP_BASE}${SNS}`), 'alarms.sns_topic_arn').message).toBe(
      'an SNS topic is for cloud: aws; use alarms.notification_channel',
    );
  });

  it('an empty schedule and unknown keys are refused by the schema', () => {
    expect(problemAt(envProblems(`${AWS_BASE}drift:\n  schedule: ''\n`), 'drift.schedule').message).toMatch(
      /fewer than 1 character|at least 1/,
    );
    expect(
      envProblems(`${AWS_BASE}drift:\n  interval: 5\n`)
        .map((p) => p.message)
        .join('\n'),
    ).toMatch(/interval/);
  });
});
