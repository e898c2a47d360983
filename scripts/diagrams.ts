/**
 * `npm run diagrams`: draws every shipped environment's synthesized stack
 * (cdktf.out/stacks/<env>/cdk.tf.json, from `npm run synth`) as Mermaid, between the markers
 * `<!-- diagram:<env> -->` and `<!-- /diagram:<env> -->` of the page that documents its path. A test
 * regenerates the pictures from a fresh synthesis and fails when the committed ones are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stackDiagram } from '../lib/diagrams/stack-diagram';
import type { TerraformJson } from '../lib/policy/terraform-json';

const ROOT = resolve(__dirname, '..');

/** The page each shipped environment's picture lives in. */
export const DIAGRAM_PAGES: Readonly<Record<string, string>> = {
  dev: 'docs/aws-glue.md',
  prod: 'docs/aws-glue.md',
  staging: 'docs/aws-nessie.md',
  'gcp-dev': 'docs/gcp-biglake.md',
};

/** `page` with the picture of `env` put between its markers; throws when the markers are missing. */
export function withDiagram(page: string, env: string, diagram: string): string {
  const start = `<!-- diagram:${env} -->`;
  const end = `<!-- /diagram:${env} -->`;
  const a = page.indexOf(start);
  const b = page.indexOf(end);
  if (a < 0 || b < a) throw new Error(`no ${start} ... ${end} markers in the page`);
  return `${page.slice(0, a + start.length)}\n\`\`\`mermaid\n${diagram}\`\`\`\n${page.slice(b)}`;
}

/** Every page with every picture, from synthesized stacks (env → Terraform JSON). */
export function pagesWithDiagrams(stacks: ReadonlyMap<string, TerraformJson>, read: (page: string) => string): Map<string, string> {
  const pages = new Map<string, string>();
  for (const [env, page] of Object.entries(DIAGRAM_PAGES)) {
    const json = stacks.get(env);
    if (!json) throw new Error(`stack ${env} was not synthesized (run npm run synth first)`);
    pages.set(page, withDiagram(pages.get(page) ?? read(page), env, stackDiagram(json, env)));
  }
  return pages;
}

if (require.main === module) {
  const stacks = new Map(
    Object.keys(DIAGRAM_PAGES).map((env) => [
      env,
      JSON.parse(readFileSync(join(ROOT, 'cdktf.out', 'stacks', env, 'cdk.tf.json'), 'utf8')) as TerraformJson,
    ]),
  );
  for (const [page, text] of pagesWithDiagrams(stacks, (p) => readFileSync(join(ROOT, p), 'utf8'))) {
    writeFileSync(join(ROOT, page), text);
    process.stdout.write(`wrote the pictures of ${page}\n`);
  }
}
