import type { StackIndex, TerraformResource } from '../../terraform-json';
import { containerDefinitions } from '../ecs/container-definitions';

/** A Nessie container of the stack (image `.../projectnessie/nessie:<tag>`) and its environment. */
export interface NessieTask {
  readonly task: TerraformResource;
  readonly environment: Readonly<Record<string, string>>;
}

export function nessieTasks(stack: StackIndex): NessieTask[] {
  return stack.ofType('aws_ecs_task_definition').flatMap((task) =>
    containerDefinitions(task)
      .filter((c) => typeof c.image === 'string' && /\/projectnessie\/nessie(:|@|$)/.test(c.image))
      .map((c) => {
        const list = Array.isArray(c.environment) ? (c.environment as Array<{ name?: unknown; value?: unknown }>) : [];
        const environment = Object.fromEntries(list.map((e) => [String(e.name), String(e.value)]));
        return { task, environment };
      }),
  );
}

/** Authentication is on in the task: Nessie's own switch (`nessie.server.authentication.enabled`). */
export function authenticates(t: NessieTask): boolean {
  return t.environment.NESSIE_SERVER_AUTHENTICATION_ENABLED === 'true';
}
