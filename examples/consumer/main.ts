// A platform team's own cdktf app: the lakehouse comes from the package, everything else is theirs.
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import {
  AwsContext,
  AwsLakehouse,
  defineEnvironment,
  defineTableTemplates,
  lakehouseDefaultTags,
  policyJson,
} from 'iceberg-lakehouse-cdktf/aws';

const REGION = 'eu-west-1';

// Tables in code instead of table-templates/*.yaml; validated exactly like the YAML files.
const templates = defineTableTemplates([
  {
    name: 'orders',
    namespace: 'sales',
    description: 'One row per order',
    columns: [
      { name: 'order_id', type: 'long', required: true },
      { name: 'customer_email', type: 'string', access_level: 'restricted', pii: true, masking: 'nullify' },
      { name: 'amount', type: 'decimal(12,2)', required: true },
      { name: 'ordered_at', type: 'timestamptz', required: true },
    ],
    partition_spec: [{ column: 'ordered_at', transform: 'day' }],
  },
]);

// The environment in code instead of environments/*.yaml; every default applied.
const environment = defineEnvironment({ name: 'dev', project: 'shop', cloud: 'aws', catalog: 'glue', region: REGION });

/** Stack A: the lakehouse plus the team's own service role, granted the writer tier. */
class LakehouseStack extends TerraformStack {
  readonly lakehouse: AwsLakehouse;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The environment's default tags on every resource of this stack (without them synthesis warns).
    new AwsProvider(this, 'aws', { region: REGION, defaultTags: [{ tags: lakehouseDefaultTags(environment) }] });
    this.lakehouse = new AwsLakehouse(this, 'lakehouse', { environment, templates });

    // ECS task role of the orders service; SourceAccount keeps other accounts' tasks out (confused deputy).
    const account = AwsContext.of(this).accountId;
    const taskRole = new IamRole(this, 'orders-task-role', {
      name: 'shop-dev-orders-task',
      assumeRolePolicy: policyJson([
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': account } },
        },
      ]),
    });
    // The role name is a Terraform reference, so the grant is named by its second argument.
    this.lakehouse.grantWrite({ roleName: taskRole.name, roleArn: taskRole.arn }, 'orders-service');
    new TerraformOutput(this, 'orders_task_role_arn', { value: taskRole.arn });
  }
}

/** Stack B: another team's stack that only reads stack A's values (a cross-stack reference). */
class ConsumerStack extends TerraformStack {
  constructor(scope: Construct, id: string, lakehouse: AwsLakehouse) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: REGION });
    new SsmParameter(this, 'warehouse-bucket', {
      name: '/shop/dev/lakehouse/bucket-name',
      type: 'String',
      value: lakehouse.bucket.bucketName,
    });
  }
}

const app = new App();
const a = new LakehouseStack(app, 'shop-dev-lakehouse');
new ConsumerStack(app, 'shop-dev-consumer', a.lakehouse);
app.synth();
