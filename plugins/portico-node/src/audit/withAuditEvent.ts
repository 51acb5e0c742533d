import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { httpStatusOf } from '../http/httpStatusOf';

/** What {@link withAuditEvent} records. */
export type AuditEventOptions = Parameters<AuditorService['createEvent']>[0];

/** What the audited work returns: its result, and what the record's outcome adds to its meta. */
export interface AuditedResult<T> {
  result: T;
  meta?: JsonObject;
}

/**
 * Runs one audited action: the event is created (initiated) before the work starts, and its
 * outcome (succeeded with the work's meta, or failed with the error and the HTTP status it is
 * answered with) is written before the result or the error goes back to the caller. With no
 * auditor (a scaffolder action run outside a backend) the work runs unrecorded.
 */
export async function withAuditEvent<T>(
  auditor: AuditorService | undefined,
  options: AuditEventOptions,
  work: () => Promise<AuditedResult<T>>,
): Promise<T> {
  const event = await auditor?.createEvent(options);
  let outcome: AuditedResult<T>;
  try {
    outcome = await work();
  } catch (error) {
    await event?.fail({
      error: error as Error,
      meta: { status: httpStatusOf(error) },
    });
    throw error;
  }
  await event?.success(outcome.meta ? { meta: outcome.meta } : undefined);
  return outcome.result;
}
