import type {
  ProvisioningRun,
  RunEvent,
  RunResource,
  RunStatus,
  StepStatus,
} from '@internal/plugin-provisioning-common';

/** A timestamp as PostgreSQL (Date) or SQLite (number or string) returns it. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  return new Date(String(value));
}

function iso(value: unknown): string | undefined {
  return value === null || value === undefined
    ? undefined
    : toDate(value).toISOString();
}

/** A jsonb value as PostgreSQL (parsed) or SQLite (text) returns it. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export interface RunRow {
  id: string;
  template: string;
  entity_ref: string;
  owner: string | null;
  user_ref: string;
  parameters: unknown;
  status: RunStatus;
  failure_reason: string | null;
  callback_token_expires_at: unknown;
  callback_secret_removed_at?: unknown;
  last_event_seq: number;
  created_at: unknown;
  updated_at: unknown;
}

export interface OutboxRow {
  id: string | number;
  run_id: string;
  idempotency_key: string;
  attempts: number;
  next_attempt_at: unknown;
  locked_until: unknown;
  claimed_by: string | null;
  delivered_at: unknown;
  given_up_at: unknown;
  last_error: string | null;
  created_at: unknown;
}

export interface EventRow {
  run_id: string;
  seq: number;
  event_id: string;
  step: string;
  status: StepStatus;
  message: string | null;
  resources: unknown;
  final: boolean | number;
  received_at: unknown;
}

export function toRun(run: RunRow, outbox?: OutboxRow): ProvisioningRun {
  const pending = outbox && !outbox.delivered_at && !outbox.given_up_at;
  return {
    id: run.id,
    template: run.template,
    entityRef: run.entity_ref,
    owner: run.owner ?? undefined,
    userRef: run.user_ref,
    parameters: fromJson(run.parameters),
    status: run.status,
    failureReason: run.failure_reason ?? undefined,
    createdAt: toDate(run.created_at).toISOString(),
    updatedAt: toDate(run.updated_at).toISOString(),
    delivery: {
      attempts: outbox?.attempts ?? 0,
      deliveredAt: iso(outbox?.delivered_at),
      nextAttemptAt: pending ? iso(outbox?.next_attempt_at) : undefined,
      lastError: outbox?.last_error ?? undefined,
    },
  };
}

export function toEvent(row: EventRow): RunEvent {
  return {
    seq: row.seq,
    eventId: row.event_id,
    step: row.step,
    status: row.status,
    message: row.message ?? undefined,
    resources: fromJson<RunResource[]>(row.resources),
    final: Boolean(row.final),
    receivedAt: toDate(row.received_at).toISOString(),
  };
}
