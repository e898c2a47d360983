import { describe, expect, it } from 'vitest';
import { eventBridgeScheduleProblem } from '../../lib/aws/rules/schedule';
import { transferScheduleProblem } from '../../lib/gcp/rules/schedule';
import { AWS_BASE, GCP_BASE, NESSIE_BASE, problemAt } from '../model/helpers';
import { cloudProblems, cloudValid } from './helpers';

describe('drift.schedule on AWS (EventBridge Scheduler)', () => {
  it.each([
    'rate(1 minute)',
    'rate(1 hour)',
    'rate(30 minutes)',
    'rate(2 days)',
    'cron(0 * * * ? *)',
    'cron(15 6 * * ? *)',
    'cron(0/30 8-18 ? * MON-FRI *)',
    'cron(0 9 L * ? *)',
    'cron(0 0 ? * 2#1 *)',
    'cron(0 12 ? * SUN,WED 2030-2040)',
    'cron(5,35 */2 1-15 JAN-JUN ? *)',
  ])('accepts %s', (expression) => {
    expect(eventBridgeScheduleProblem(expression)).toBeUndefined();
  });

  it.each([
    ['rate(1 hours)', /singular for 1/],
    ['rate(5 hour)', /plural above 1/],
    ['rate(0 minutes)', /at least 1/],
    ['rate(1 week)', /not an EventBridge Scheduler expression/],
    ['cron(0 * * * *)', /has 5 cron field\(s\); EventBridge needs six/],
    ['cron(0 * * * * *)', /exactly one of day-of-month \('\*'\) and day-of-week \('\*'\) must be '\?'/],
    ['cron(0 * ? * ? *)', /exactly one of day-of-month/],
    ['cron(60 * * * ? *)', /cron field minutes '60' is not valid/],
    ['cron(0 24 * * ? *)', /cron field hours '24'/],
    ['cron(0 0 * 13 ? *)', /cron field month '13'/],
    ['cron(0 0 ? * FUNDAY *)', /cron field day-of-week 'FUNDAY'/],
    ['cron(0 0 * * ? 1969)', /cron field year '1969'/],
    ['cron(0 10-2 * * ? *)', /cron field hours '10-2'/],
    ['at(2030-01-01T00:00:00)', /runs once/],
    ['every 1 hours', /not an EventBridge Scheduler expression/],
  ])('refuses %s', (expression, message) => {
    expect(eventBridgeScheduleProblem(expression)).toMatch(message);
  });

  it('is checked by lakehouse validate at drift.schedule, whether or not drift is on', () => {
    expect(problemAt(cloudProblems(`${AWS_BASE}drift:\n  schedule: every 1 hours\n`), 'drift.schedule').message).toMatch(
      /^'every 1 hours' is not an EventBridge Scheduler expression/,
    );
    expect(cloudValid(`${AWS_BASE}drift:\n  schedule: cron(7 * * * ? *)\n`).drift.schedule).toBe('cron(7 * * * ? *)');
  });

  it('refuses drift on Nessie with an external token issuer at drift.enabled', () => {
    const yaml = `${NESSIE_BASE}nessie:\n  certificate_arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc\n  auth:\n    mode: external\n    issuer_url: https://idp.example.com\n    audience: nessie\ndrift:\n  enabled: true\n`;
    expect(problemAt(cloudProblems(yaml), 'drift.enabled').message).toMatch(/set drift.enabled: false/);
  });
});

describe('drift.schedule on GCP (BigQuery Data Transfer Service)', () => {
  it.each([
    'every 1 hours',
    'every 15 minutes',
    'every 30 mins',
    'every 2 hours from 08:00 to 18:00',
    'every 6 hours synchronized',
    'every day 06:30',
    'every mon,thu 07:15',
    '1st,3rd monday of month 15:30',
    'every wed,fri of jan,jun 13:15',
    'first sunday of quarter 00:00',
  ])('accepts %s', (schedule) => {
    expect(transferScheduleProblem(schedule)).toBeUndefined();
  });

  it.each([
    ['every 5 minutes', /more often than every 15 minutes/],
    ['every 1 hour', /not a Data Transfer Service schedule/],
    ['every day 24:00', /not a Data Transfer Service schedule/],
    ['rate(1 hour)', /is an AWS expression/],
    ['hourly', /not a Data Transfer Service schedule/],
  ])('refuses %s', (schedule, message) => {
    expect(transferScheduleProblem(schedule)).toMatch(message);
  });

  it('is checked at drift.schedule, and the notification channel at alarms.notification_channel', () => {
    expect(problemAt(cloudProblems(`${GCP_BASE}drift:\n  schedule: rate(1 hour)\n`), 'drift.schedule').message).toMatch(/AWS expression/);
    expect(
      problemAt(cloudProblems(`${GCP_BASE}alarms:\n  notification_channel: my-channel\n`), 'alarms.notification_channel').message,
    ).toMatch(/^'my-channel' is not a notification channel name; use projects\/<project>\/notificationChannels\/<id>/);
    const env = cloudValid(`${GCP_BASE}alarms:\n  notification_channel: projects/acme-test-1/notificationChannels/42\n`);
    expect(env.notificationChannel).toBe('projects/acme-test-1/notificationChannels/42');
  });
});
