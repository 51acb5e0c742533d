import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/**
 * Runs a side effect of an action inside an auditor event (initiated → succeeded/failed). The
 * meta names who (the task's user), which task, and what — never a token or secret value.
 */
export async function audited<T>(
  auditor: AuditorService | undefined,
  options: {
    eventId: string;
    taskId: string;
    actor?: string;
    meta: JsonObject;
    severityLevel?: 'low' | 'medium' | 'high' | 'critical';
  },
  fn: () => Promise<{ result: T; meta?: JsonObject }>,
): Promise<T> {
  const event = await auditor?.createEvent({
    eventId: options.eventId,
    severityLevel: options.severityLevel ?? 'medium',
    meta: {
      ...options.meta,
      taskId: options.taskId,
      actor: options.actor ?? null,
    },
  });
  try {
    const { result, meta } = await fn();
    await event?.success(meta ? { meta } : undefined);
    return result;
  } catch (error) {
    await event?.fail({ error: error as Error });
    throw error;
  }
}
