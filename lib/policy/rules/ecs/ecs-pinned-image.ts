import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import { containerDefinitions, imageTag } from './container-definitions';

export const ecsPinnedImage: PolicyRule = {
  id: 'LH-ECS-002',
  title: 'Container images pinned to a version',
  problem: "A container image has no tag or uses 'latest'.",
  rationale: 'An unpinned image changes under a running service: untested catalog versions reach production on the next task restart.',
  fix: "Pin the image to a release tag (nessie.image_tag) or a digest, never 'latest'.",
  severity: 'error',
  resourceTypes: ['aws_ecs_task_definition'],
  check(task) {
    const bad = containerDefinitions(task)
      .filter((c) => {
        if (typeof c.image !== 'string') return true;
        const { tag, digest } = imageTag(c.image);
        return !digest && (tag === '' || tag === 'latest');
      })
      .map((c) => `${c.name ?? '(unnamed)'}: ${String(c.image ?? '(no image)')}`);
    return bad.length === 0 ? 'compliant' : fail(`Unpinned image(s): ${bad.join(', ')}.`);
  },
};
