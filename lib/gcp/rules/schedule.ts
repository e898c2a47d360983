/**
 * Schedules the BigQuery Data Transfer Service accepts for a scheduled query: the App Engine
 * cron.yaml format its API refers to (TransferConfig.schedule: "Examples of valid format: 1st,3rd
 * monday of month 15:30, every wed,fri of jan,jun 13:15, and first sunday of quarter 00:00"; the
 * format: "every N hours|mins|minutes [from HH:MM to HH:MM | synchronized]" or
 * "[every|ordinals] days [of months] HH:MM"). Times are UTC. Google sets the shortest interval per
 * data source; this project asks for at least MIN_INTERVAL_MINUTES between drift checks.
 */

export const MIN_INTERVAL_MINUTES = 15;

const TIME = '([01]\\d|2[0-3]):[0-5]\\d';
const INTERVAL = new RegExp(`^every (\\d+) (minutes|mins|hours)( from ${TIME} to ${TIME}| synchronized)?$`);
const DAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)';
const MONTH =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)';
const ORDINAL = '(1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth)';
const CUSTOM = new RegExp(`^(every|${ORDINAL}(,${ORDINAL})*) (day|${DAY}(,${DAY})*)( of (month|quarter|${MONTH}(,${MONTH})*))? ${TIME}$`);

const EXAMPLES = "e.g. 'every 1 hours', 'every 30 minutes', 'every day 06:30' or 'every mon,thu 07:15' (UTC)";

/** Why the Data Transfer Service would refuse a schedule (or this project, below MIN_INTERVAL_MINUTES); undefined when it is fine. */
export function transferScheduleProblem(schedule: string): string | undefined {
  const interval = INTERVAL.exec(schedule);
  if (interval) {
    const minutes = Number(interval[1]) * (interval[2] === 'hours' ? 60 : 1);
    if (minutes < MIN_INTERVAL_MINUTES)
      return `'${schedule}' runs more often than every ${MIN_INTERVAL_MINUTES} minutes; use a longer interval`;
    return undefined;
  }
  if (CUSTOM.test(schedule)) return undefined;
  if (/^(rate|cron)\(/.test(schedule))
    return `'${schedule}' is an AWS expression; on Google Cloud write a Data Transfer Service schedule, ${EXAMPLES}`;
  return `'${schedule}' is not a Data Transfer Service schedule: ${EXAMPLES}`;
}
