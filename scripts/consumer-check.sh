#!/usr/bin/env bash
# Builds and packs the library, installs the tarball into a temporary copy of examples/consumer
# (with the exact peer versions), compiles and synthesizes the consumer app, and checks the
# Terraform JSON. Exits non-zero on any failure. Usage: scripts/consumer-check.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/lakehouse-consumer.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export CHECKPOINT_DISABLE=1
NPM_FLAGS=(--prefer-offline --no-audit --no-fund --loglevel=error)

echo "consumer-check: packing the library (prepack builds dist/)"
TARBALL="$(cd "$ROOT" && npm pack --silent --pack-destination "$WORK" | tail -n 1)"
[ -f "$WORK/$TARBALL" ] || { echo "consumer-check: npm pack produced no tarball" >&2; exit 1; }

echo "consumer-check: installing $TARBALL into a copy of examples/consumer"
mkdir "$WORK/app"
cp "$ROOT/examples/consumer/package.json" "$ROOT/examples/consumer/tsconfig.json" \
  "$ROOT/examples/consumer/cdktf.json" "$ROOT/examples/consumer/main.ts" "$WORK/app/"
cd "$WORK/app"
# The tarball replaces the registry range in package.json; peers come from package.json at exact versions.
npm install "${NPM_FLAGS[@]}" "$WORK/$TARBALL"
# The example imports iceberg-lakehouse-cdktf/aws only, so the optional Google provider peer stays out.
if [ -d node_modules/@cdktf/provider-google ]; then
  echo "consumer-check: @cdktf/provider-google was installed for an AWS-only app" >&2
  exit 1
fi

echo "consumer-check: compiling against the packed type declarations"
npx --no-install tsc -p tsconfig.json

echo "consumer-check: synthesizing"
node dist/main.js

echo "consumer-check: checking the synthesized JSON"
node - <<'JS'
const fs = require('node:fs');
const read = (stack) => JSON.parse(fs.readFileSync(`cdktf.out/stacks/${stack}/cdk.tf.json`, 'utf8'));
const a = read('shop-dev-lakehouse');
const b = read('shop-dev-consumer');
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const of = (json, type) => Object.entries((json.resource ?? {})[type] ?? {});

const roles = of(a, 'aws_iam_role').filter(([, r]) => r.name === 'shop-dev-orders-task');
check(roles.length === 1, 'stack A has the consumer role shop-dev-orders-task');
const roleName = roles.length ? `\${aws_iam_role.${roles[0][0]}.name}` : '?';
const roleArn = roles.length ? `\${aws_iam_role.${roles[0][0]}.arn}` : '?';
if (roles.length) {
  const trust = JSON.parse(roles[0][1].assume_role_policy).Statement[0];
  check(trust.Principal.Service === 'ecs-tasks.amazonaws.com', 'consumer role is trusted by ecs-tasks.amazonaws.com');
}

const buckets = of(a, 'aws_s3_bucket').filter(([, r]) => r.bucket === 'shop-dev-lakehouse');
check(buckets.length === 1, 'stack A has the lakehouse bucket shop-dev-lakehouse');

const attachments = of(a, 'aws_iam_role_policy_attachment').filter(([, r]) => r.role === roleName);
check(attachments.length > 0, 'consumer role has the writer tier policy attachments');

const lf = of(a, 'aws_lakeformation_permissions').filter(([, r]) => r.principal === roleArn).map(([, r]) => r);
const table = lf.find((r) => r.table && r.table.name);
check(lf.some((r) => r.database && r.permissions.join() === 'DESCRIBE'), 'consumer role has DESCRIBE on the database');
check(table && table.permissions.join() === 'ALTER,DELETE,DESCRIBE,INSERT,SELECT', 'consumer role has the writer table permissions');

const params = of(b, 'aws_ssm_parameter').map(([, r]) => r);
const remote = Object.keys((b.data ?? {}).terraform_remote_state ?? {});
check(params.length === 1 && /^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.[^}]+\}$/.test(params[0].value), 'stack B reads the bucket name from stack A outputs');
check(remote.length === 1, 'stack B has one terraform_remote_state of stack A');
const crossOutputs = Object.keys(a.output ?? {}).filter((k) => k.startsWith('cross-stack-output-'));
check(crossOutputs.length > 0, 'stack A exports a cross-stack output');

// Tags: the provider of stack A carries the environment's default tags, so no default-tags warning.
const tags = (((a.provider ?? {}).aws ?? [])[0]?.default_tags ?? [])[0]?.tags ?? {};
check(tags['lakehouse-environment'] === 'dev' && tags['lakehouse-project'] === 'shop', 'stack A provider carries the lakehouse default tags');
const manifest = JSON.parse(fs.readFileSync('cdktf.out/manifest.json', 'utf8'));
const warnings = (manifest.stacks['shop-dev-lakehouse'].annotations ?? []).filter((n) => /default tags/.test(n.message));
check(warnings.length === 0, 'no default-tags warning for stack A');

if (failures.length) {
  console.error(`consumer-check: FAILED\n  - ${failures.join('\n  - ')}`);
  process.exit(1);
}
console.log('consumer-check: OK (bucket, default tags, consumer role attachments and Lake Formation grants, cross-stack reference)');
JS
