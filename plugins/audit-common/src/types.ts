/** Whether the audited action was started, finished well, or failed. */
export type AuditOutcome = 'initiated' | 'succeeded' | 'failed';

/** Severity as given by the plugin that emitted the event. */
export type AuditSeverity = 'low' | 'medium' | 'high' | 'critical';

/** JSON value stored as event metadata (secret values already redacted). */
export type AuditJson =
  | string
  | number
  | boolean
  | null
  | AuditJson[]
  | { [key: string]: AuditJson };

/** One stored audit event, as the audit API returns it. */
export interface AuditEvent {
  /** Position in the log: increases with every stored event (a decimal string; it can exceed 2^53). */
  id: string;
  /** When the event happened (ISO 8601). */
  time: string;
  /** Plugin that emitted the event, e.g. `catalog`, `scaffolder`, `argocd`. */
  plugin: string;
  /** The plugin's event id, e.g. `entity-mutate`, `task`. */
  eventId: string;
  /** `<plugin>.<eventId>`: what the filters call the action. */
  action: string;
  severity: AuditSeverity;
  outcome: AuditOutcome;
  actor: {
    /** `user:default/alice`, `plugin:catalog`, `external:ci`; absent when the caller was anonymous. */
    id?: string;
    type: 'user' | 'service' | 'anonymous';
    ip?: string;
    userAgent?: string;
  };
  /** The catalog entity the action was about, when there was one. */
  entityRef?: string;
  /** Correlates the `initiated` event with its `succeeded`/`failed` event (and the HTTP request). */
  requestId: string;
  request?: { method?: string; url?: string };
  /** Plugin-provided details, with secret values replaced by `[REDACTED]`. */
  meta?: { [key: string]: AuditJson };
  /** Error message of a failed action. */
  error?: string;
  /** SHA-256 (hex) over this event's content and `prevHash`. */
  hash: string;
  /** `hash` of the event before this one (the chain's anchor for the first kept event). */
  prevHash: string;
}

/** Filters of `GET /api/audit/events` (all optional; combined with AND). */
export interface AuditEventFilter {
  actor?: string;
  action?: string;
  plugin?: string;
  entityRef?: string;
  outcome?: AuditOutcome;
  /** Inclusive lower bound (ISO 8601). */
  from?: string;
  /** Exclusive upper bound (ISO 8601). */
  to?: string;
}

/** A page of events, newest first. Pass `nextCursor` back as `cursor` for the next page. */
export interface AuditEventPage {
  items: AuditEvent[];
  nextCursor?: string;
}

/** Result of `GET /api/audit/verify`: the hash chain recomputed from the oldest kept event. */
export interface AuditChainVerification {
  ok: boolean;
  /** Number of events checked. */
  checked: number;
  /** The first event whose stored hash or link does not match, when `ok` is false. */
  firstBrokenId?: string;
  reason?: string;
}

/** Result of `GET /api/audit/status`: the write path between plugins and PostgreSQL. */
export interface AuditWriterStatus {
  /** Events waiting in memory for the next write. */
  buffered: number;
  /** Capacity of that buffer; when full, the oldest waiting events are dropped and counted. */
  capacity: number;
  /** Events dropped because the buffer was full since the backend started. */
  dropped: number;
  /** Events written since the backend started. */
  written: number;
  lastWriteAt?: string;
  lastError?: string;
}
