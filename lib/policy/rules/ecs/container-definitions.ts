import type { TerraformResource } from '../../terraform-json';

export interface ContainerDefinition {
  readonly name?: string;
  readonly image?: string;
  readonly logConfiguration?: { readonly logDriver?: string };
  readonly [key: string]: unknown;
}

/** `container_definitions` of an aws_ecs_task_definition (a JSON string); throws when it is not plain JSON. */
export function containerDefinitions(task: TerraformResource): ContainerDefinition[] {
  const raw = task.config.container_definitions;
  if (Array.isArray(raw)) return raw as ContainerDefinition[];
  if (typeof raw !== 'string') throw new Error('container_definitions is missing');
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) throw new Error('not an array');
    return parsed as ContainerDefinition[];
  } catch (e) {
    throw new Error(`container_definitions is not a plain JSON array (render it with JSON.stringify): ${(e as Error).message}`);
  }
}

/** The tag of an image reference, '' when none; digests (`@sha256:`) count as pinned. */
export function imageTag(image: string): { readonly tag: string; readonly digest: boolean } {
  if (image.includes('@sha256:')) return { tag: '', digest: true };
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return { tag: colon > lastSlash ? image.slice(colon + 1) : '', digest: false };
}
