/** ARN shapes the environment and the constructs accept, with an example of each for messages. */

const PATTERNS = {
  /** Who may assume a role: an account id (IAM reads it as the account root) or an IAM root/role/user ARN. */
  principal: /^([0-9]{12}|arn:aws[a-z-]*:iam::[0-9]{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+))$/,
  /** A Lake Formation administrator: an IAM role or user (not a root, not an account id). */
  iamRoleOrUser: /^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)\/[\w+=,.@/-]+$/,
  certificate: /^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate\/[A-Za-z0-9-]+$/,
  snsTopic: /^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$/,
  kmsKey: /^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key\/[A-Za-z0-9-]+$/,
} as const;

export type ArnKind = keyof typeof PATTERNS;

const EXAMPLES: Readonly<Record<ArnKind, string>> = {
  principal: 'an account id or arn:aws:iam::<12-digit account>:root|role/<name>|user/<name>',
  iamRoleOrUser: 'arn:aws:iam::<account>:role/<name> or arn:aws:iam::<account>:user/<name>',
  certificate: 'arn:aws:acm:<region>:<account>:certificate/<id>',
  snsTopic: 'arn:aws:sns:<region>:<account>:<topic>',
  kmsKey: 'arn:aws:kms:<region>:<account>:key/<id>',
};

const NAMES: Readonly<Record<ArnKind, string>> = {
  principal: 'an IAM principal',
  iamRoleOrUser: 'an IAM role or user ARN',
  certificate: 'an ACM certificate ARN',
  snsTopic: 'an SNS topic ARN',
  kmsKey: 'a KMS key ARN',
};

/** Undefined when `value` has the shape of `kind`; otherwise a message quoting it with an example. */
export function arnProblem(kind: ArnKind, value: string): string | undefined {
  return PATTERNS[kind].test(value) ? undefined : `'${value}' is not ${NAMES[kind]} (${EXAMPLES[kind]})`;
}

/** The region of an ARN (`arn:<partition>:<service>:<region>:...`). */
export function arnRegion(arn: string): string | undefined {
  return arn.split(':')[3];
}
