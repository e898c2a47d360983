/**
 * Every rule an AWS lakehouse must meet, as problems located at the environment key or template
 * field to change. `lakehouse validate` (through lib/project.ts) and the AWS constructs call this
 * same function, so they cannot disagree.
 */
import type { PathSegment, SourcedProblem } from '../../model/problems';
import type { LakehousePlan } from '../../plan';
import { piiProblems } from '../../plan/pii-columns';
import { derivedNameProblems } from '../../plan/derived-names';
import { arnProblem, arnRegion } from './arns';
import { glueLakehouseProblems } from './glue-checks';
import { fargateSizeProblems, retentionProblem, taskCountProblems } from './limits';
import { AWS_ROLE_SUFFIXES, elbNameProblems, iamRoleNameProblems, s3BucketNameProblems } from './names';
import { clientCidrProblem, vpcCidrProblem } from './network';
import { eventBridgeScheduleProblem } from './schedule';
import { nessieAuthAwsProblems } from './nessie-auth-checks';
import { awsRegionProblem } from './region-checks';
import { trustPolicyProblems } from './trust-policy';

export function awsLakehouseProblems(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  const out: SourcedProblem[] = [];
  const at = (path: readonly PathSegment[], message: string | undefined): void => {
    if (message !== undefined) out.push({ file: env.file, path, message });
  };
  if (env.cloud !== 'aws') at(['cloud'], `is '${env.cloud}'; the AWS lakehouse needs cloud: aws`);
  if (env.catalog !== 'glue' && env.catalog !== 'nessie') at(['catalog'], `is '${env.catalog}'; on AWS use glue or nessie`);
  at(['region'], awsRegionProblem(env.region, env.allowUnlistedRegion));
  at(['logging', 'retention_days'], retentionProblem(env.logging.retentionDays));
  if (env.audit.enabled && env.audit.accessAlerts && env.snsTopicArn === undefined) {
    at(['audit', 'access_alerts'], 'access alerts notify alarms.sns_topic_arn; set it or turn access_alerts off');
  }
  if (env.snsTopicArn !== undefined) at(['alarms', 'sns_topic_arn'], arnProblem('snsTopic', env.snsTopicArn));
  at(['drift', 'schedule'], eventBridgeScheduleProblem(env.drift.schedule));
  if (env.drift.enabled && env.catalog === 'nessie' && env.nessie.auth.mode === 'external') {
    at(
      ['drift', 'enabled'],
      "the drift check signs in to Nessie with the stack's own Cognito client, and nessie.auth.mode: external has none; set drift.enabled: false",
    );
  }
  for (const key of ['readers', 'writers', 'admins'] as const)
    env.access[key].forEach((p, i) => at(['access', key, i], arnProblem('principal', p)));
  env.access.lakeFormationAdmins.forEach((p, i) => at(['access', 'lake_formation_admins', i], arnProblem('iamRoleOrUser', p)));
  out.push(...trustPolicyProblems(plan));
  out.push(...derivedNames(plan));
  if (env.catalog === 'glue') out.push(...glueLakehouseProblems(plan));
  if (env.catalog === 'nessie') out.push(...nessieProblems(plan));
  out.push(...piiProblems(plan));
  return out;
}

function derivedNames(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  return derivedNameProblems(plan, (check, bucketPath) => {
    check(bucketPath, 'S3 bucket name', plan.names.lakehouseBucket, s3BucketNameProblems(plan.names.lakehouseBucket));
    if (env.audit.enabled) check(['project'], 'S3 bucket name', plan.names.auditBucket, s3BucketNameProblems(plan.names.auditBucket));
    for (const suffix of AWS_ROLE_SUFFIXES)
      check(['project'], 'IAM role name', plan.names.role(suffix), iamRoleNameProblems(plan.names.role(suffix)));
    if (env.catalog === 'nessie')
      check(['project'], 'load balancer name', plan.names.loadBalancer, elbNameProblems(plan.names.loadBalancer));
  });
}

function nessieProblems(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  const n = env.nessie;
  const out: SourcedProblem[] = [];
  const at = (path: readonly PathSegment[], message: string | undefined): void => {
    if (message !== undefined) out.push({ file: env.file, path: ['nessie', ...path], message });
  };
  const size = fargateSizeProblems(n.cpu, n.memory);
  at(['cpu'], size.cpu);
  at(['memory'], size.memory);
  const counts = taskCountProblems(n.minCount, n.maxCount);
  at(['min_count'], counts.minCount);
  at(['max_count'], counts.maxCount);
  n.allowedCidrs.forEach((cidr, i) => at(['allowed_cidrs', i], clientCidrProblem(cidr)));
  at(['vpc_cidr'], vpcCidrProblem(n.vpcCidr));
  if (n.certificateArn !== undefined) {
    const shape = arnProblem('certificate', n.certificateArn);
    const region = arnRegion(n.certificateArn);
    at(
      ['certificate_arn'],
      shape ??
        (region !== env.region
          ? `the certificate is in ${region} but a load balancer needs one in its own region ${env.region}`
          : undefined),
    );
  }
  if (n.accessLogBucket !== undefined) {
    const rules = s3BucketNameProblems(n.accessLogBucket);
    at(['access_log_bucket'], rules.length > 0 ? `'${n.accessLogBucket}' is not an S3 bucket name: ${rules.join('; ')}` : undefined);
  }
  // The table-provisioning function verifies the load balancer's certificate against this name.
  if (n.certificateArn !== undefined && n.hostName === undefined && plan.tables.length > 0) {
    at(
      ['certificate_arn'],
      'needs nessie.host_name, the name the certificate covers: the table-provisioning function (and every client) verifies the certificate against it; the load balancer’s own DNS name is not in it',
    );
  }
  if (n.auth.mode === 'external' && n.auth.provisionerClient === undefined && plan.tables.length > 0) {
    at(
      ['auth', 'mode'],
      'external needs nessie.auth.provisioner_client (token_endpoint, client_id, client_secret_arn): the table-provisioning function authenticates as that client to create the tables',
    );
  }
  out.push(...nessieAuthAwsProblems(env));
  return out;
}
