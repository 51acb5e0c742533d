import { JsonObject } from '@backstage/types';

/**
 * What every audit record of an action names besides what it did: which task and who (the
 * task's user) — never a token or secret value.
 */
export function taskAuditMeta(ctx: {
  task: { id: string };
  user?: { ref?: string };
}): JsonObject {
  return { taskId: ctx.task.id, actor: ctx.user?.ref ?? null };
}
