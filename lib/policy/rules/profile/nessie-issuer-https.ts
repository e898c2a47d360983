import type { PolicyRule } from '../../types';
import { fail, STACK_RESOURCE_TYPE } from '../../types';
import { authenticates, nessieTasks } from './nessie-task-environment';

export const nessieIssuerHttps: PolicyRule = {
  id: 'LH-PRF-010',
  title: 'Nessie trusts an OIDC issuer reached over HTTPS',
  problem: 'Nessie fetches its OIDC issuer metadata and signing keys over plain HTTP.',
  rationale: 'Whoever can alter the issuer metadata or keys in transit can mint tokens Nessie accepts.',
  fix: 'Set nessie.auth.issuer_url to the https:// URL of your OIDC issuer (Cognito issuers are always https).',
  severity: 'error',
  resourceTypes: [STACK_RESOURCE_TYPE],
  profiles: ['soc2', 'hipaa'],
  check(_stack, { environment, stack }) {
    if (environment.catalog !== 'nessie') return 'not-applicable';
    const problems: string[] = [];
    const issuer = environment.nessie.auth.issuerUrl;
    if (environment.nessie.auth.mode === 'external' && !issuer?.startsWith('https://'))
      problems.push(`nessie.auth.issuer_url is ${issuer ?? 'not set'}.`);
    for (const t of nessieTasks(stack).filter(authenticates)) {
      const url = t.environment.QUARKUS_OIDC_AUTH_SERVER_URL;
      if (!url?.startsWith('https://')) problems.push(`${t.task.address} sets QUARKUS_OIDC_AUTH_SERVER_URL to ${url ?? 'nothing'}.`);
    }
    return problems.length === 0 ? 'compliant' : fail(problems.join(' '));
  },
};
