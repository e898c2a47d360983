import type { EnvironmentConfig } from '../../model/environment';
import { NESSIE_TIERS } from '../../model/nessie-auth';
import type { SourcedProblem } from '../../model/problems';
import { arnProblem } from './arns';

/** Cognito prefix domains: lowercase letters, digits and hyphens, and not these words (Cognito refuses them). */
const COGNITO_DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const COGNITO_RESERVED = ['aws', 'amazon', 'cognito'];

/** What AWS decides about `nessie.auth`: IAM principals that read client secrets, the Cognito domain prefix. */
export function nessieAuthAwsProblems(env: EnvironmentConfig): SourcedProblem[] {
  const auth = env.nessie.auth;
  const out: SourcedProblem[] = [];
  for (const tier of NESSIE_TIERS)
    (auth.secretReaders[tier] ?? []).forEach((arn, i) => {
      const problem = arnProblem('iamRoleOrUser', arn);
      if (problem) out.push({ file: env.file, path: ['nessie', 'auth', 'secret_readers', tier, i], message: problem });
    });
  const secretArn = auth.provisionerClient?.clientSecretArn;
  if (
    secretArn !== undefined &&
    auth.mode === 'external' &&
    !/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$/.test(secretArn)
  )
    out.push({
      file: env.file,
      path: ['nessie', 'auth', 'provisioner_client', 'client_secret_arn'],
      message: `'${secretArn}' is not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)`,
    });
  if (auth.mode === 'cognito') {
    const d = auth.cognitoDomain;
    if (!COGNITO_DOMAIN.test(d) || COGNITO_RESERVED.some((w) => d.includes(w)))
      out.push({
        file: env.file,
        path: ['nessie', 'auth', 'cognito_domain'],
        message: `Cognito domain prefix '${d}' is invalid: up to 63 lowercase letters, digits and '-', without 'aws', 'amazon' or 'cognito'; set nessie.auth.cognito_domain`,
      });
  }
  return out;
}
