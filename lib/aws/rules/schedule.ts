/**
 * Schedule expressions EventBridge Scheduler accepts for a recurring schedule ("Schedule types on
 * EventBridge Scheduler"; the same rate and cron syntax as scheduled rules, "Using cron and rate
 * expressions to schedule rules in Amazon EventBridge"):
 * - `rate(value unit)`: a positive whole number and minute(s), hour(s) or day(s); the unit is
 *   singular for 1 and plural above ("rate(1 hours) and rate(5 hour) aren't valid");
 * - `cron(minutes hours day-of-month month day-of-week year)`: six fields; one of day-of-month and
 *   day-of-week must be `?` ("You can't specify the Day-of-month and Day-of-week fields in the same
 *   cron expression").
 * `at(...)` runs once, which a recurring check cannot use. Times are UTC.
 */

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.*)\)$/;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Extra forms besides numbers, ranges, steps, lists and `*`. */
  readonly special?: RegExp;
}

const FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, special: /^(\?|L|LW|\d{1,2}W)$/ },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, special: /^(\?|L|[1-7]L|[1-7]#[1-5]|[A-Z]{3}#[1-5])$/ },
  { name: 'year', min: 1970, max: 2199 },
];

const EXAMPLES = "e.g. 'rate(1 hour)', 'rate(30 minutes)' or 'cron(15 * * * ? *)' (UTC)";

/** Why EventBridge Scheduler would refuse a recurring schedule expression; undefined when it accepts it. */
export function eventBridgeScheduleProblem(expression: string): string | undefined {
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const plural = rate[2]!.endsWith('s');
    if (value < 1) return `'${expression}': the rate must be at least 1`;
    if (value === 1 && plural) return `'${expression}': write the unit in the singular for 1, e.g. 'rate(1 ${rate[2]!.slice(0, -1)})'`;
    if (value > 1 && !plural) return `'${expression}': write the unit in the plural above 1, e.g. 'rate(${value} ${rate[2]}s)'`;
    return undefined;
  }
  const cron = CRON.exec(expression);
  if (cron) return cronProblem(expression, cron[1]!.trim().split(/\s+/));
  if (expression.startsWith('at(')) return `'${expression}' runs once; a drift check needs a recurring rate(...) or cron(...) schedule`;
  return `'${expression}' is not an EventBridge Scheduler expression: use rate(value unit) or cron(six fields), ${EXAMPLES}`;
}

function cronProblem(expression: string, fields: string[]): string | undefined {
  if (fields.length !== 6) {
    return `'${expression}' has ${fields.length} cron field(s); EventBridge needs six: minutes hours day-of-month month day-of-week year, ${EXAMPLES}`;
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const problem = fieldProblem(FIELDS[i]!, fields[i]!.toUpperCase());
    if (problem) return `'${expression}': ${problem}`;
  }
  const dom = fields[2]!;
  const dow = fields[4]!;
  if ((dom === '?') === (dow === '?')) {
    return `'${expression}': exactly one of day-of-month ('${dom}') and day-of-week ('${dow}') must be '?'`;
  }
  return undefined;
}

function fieldProblem(field: CronField, value: string): string | undefined {
  if (field.special?.test(value)) return undefined;
  for (const item of value.split(',')) {
    if (!itemValid(field, item)) {
      return `cron field ${field.name} '${value}' is not valid: use numbers ${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ''}, '*', ranges (a-b), steps (a/n) and lists (a,b)`;
    }
  }
  return undefined;
}

function itemValid(field: CronField, item: string): boolean {
  const [range, step, ...rest] = item.split('/');
  if (rest.length > 0 || range === undefined || range === '') return false;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return false;
  if (range === '*') return true;
  const bounds = range.split('-');
  if (bounds.length > 2) return false;
  const values = bounds.map((b) => valueOf(field, b));
  if (values.some((v) => v === undefined)) return false;
  return values.length === 1 || values[0]! <= values[1]!;
}

function valueOf(field: CronField, text: string): number | undefined {
  const named = field.names?.indexOf(text) ?? -1;
  if (named >= 0) return named + field.min;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}
