import {
  DefaultAuditorService,
  type AuditorEvent,
  type AuditorLogFunction,
} from '@backstage/backend-defaults/auditor';
import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
  AuthService,
  HttpAuthService,
  LoggerService,
  PluginMetadataService,
} from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import {
  isDurableAuditRecord,
  type AuditEventQueue,
} from '../queue/AuditEventQueue';
import type { AuditRedactor } from '../redaction/AuditRedactor';
import { requestIdOf } from './requestIdOf';
import { toAuditRecord } from './toAuditRecord';

/**
 * The auditor of one plugin: the upstream `DefaultAuditorService` (same actor resolution, same
 * events), whose every event is also converted to an audit record and queued for the store.
 * Each `createEvent` gets one request id (the request's `x-request-id`, else a new UUID) shared
 * by its `initiated` event and its `succeeded`/`failed` event. Events of sensitive actions
 * (severity medium and above) are awaited until stored: `createEvent` (the `initiated` record)
 * and `success`/`fail` resolve only once the audit store holds the record, so the action neither
 * starts nor answers without its audit trail.
 */
export class PorticoAuditorService implements AuditorService {
  readonly #log: AuditorLogFunction;
  readonly #queue: AuditEventQueue;
  readonly #redactor: AuditRedactor;
  readonly #logger: LoggerService;
  readonly #deps: {
    plugin: PluginMetadataService;
    auth: AuthService;
    httpAuth: HttpAuthService;
  };

  constructor(options: {
    /** Writes the event's log line (the upstream auditor's). */
    log: AuditorLogFunction;
    queue: AuditEventQueue;
    redactor: AuditRedactor;
    logger: LoggerService;
    plugin: PluginMetadataService;
    auth: AuthService;
    httpAuth: HttpAuthService;
  }) {
    this.#log = options.log;
    this.#queue = options.queue;
    this.#redactor = options.redactor;
    this.#logger = options.logger;
    this.#deps = {
      plugin: options.plugin,
      auth: options.auth,
      httpAuth: options.httpAuth,
    };
  }

  async createEvent(
    options: AuditorServiceCreateEventOptions,
  ): Promise<AuditorServiceEvent> {
    const requestId = requestIdOf(options.request) ?? randomUUID();
    const auditor = DefaultAuditorService.create(
      event => this.#handle(event, requestId),
      this.#deps,
    );
    return auditor.createEvent(options);
  }

  async #handle(event: AuditorEvent, requestId: string): Promise<void> {
    let record;
    try {
      record = toAuditRecord(event, { requestId, redactor: this.#redactor });
    } catch (error) {
      // A record that cannot be built must not break the action; the log line still records it.
      this.#logger.warn(
        `Could not queue audit event ${event.plugin}.${event.eventId}: ${error}`,
      );
      await this.#log(event);
      return;
    }
    if (isDurableAuditRecord(record)) {
      // A sensitive action: its record is stored before the action goes on or answers. When the
      // store cannot take it in time this throws, and the plugin's route answers 503.
      await this.#log(event);
      await this.#queue.enqueueDurable(record);
      return;
    }
    try {
      this.#queue.enqueue(record);
    } catch (error) {
      this.#logger.warn(
        `Could not queue audit event ${event.plugin}.${event.eventId}: ${error}`,
      );
    }
    await this.#log(event);
  }
}
