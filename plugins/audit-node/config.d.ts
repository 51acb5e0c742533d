export interface Config {
  audit?: {
    buffer?: {
      /**
       * How many audit events each backend process keeps in memory while they wait to be
       * written to PostgreSQL (default 10000), for each of two lanes. Low-severity events: when
       * their lane is full — the database has been unreachable for a while, or events arrive
       * faster than they can be written — the OLDEST waiting low events are dropped, counted
       * (`dropped` of `GET /api/audit/status`), logged as a warning at most every 30 seconds, and
       * recorded as one `audit.events-dropped` event with their count once writing works again.
       * Events of sensitive actions (severity medium, high, critical) are never dropped: the
       * action waits until its record is stored, and a new sensitive action is refused (503)
       * while their lane is full.
       */
      capacity?: number;
      /**
       * Seconds a sensitive action waits for its audit record to be stored before it is refused
       * with 503 (default 10). The record stays queued and is stored when the database is back.
       */
      durableTimeoutSeconds?: number;
    };
    redaction?: {
      /**
       * Whether audit metadata is also cleared of the values of every config key that the
       * installed packages declare `@visibility secret` (default true). The config schema is
       * loaded once in a worker thread after start; values under credential-like keys
       * (`password`, `secret`, `token`, ...) are redacted in any case.
       */
      configSchemaSecrets?: boolean;
    };
  };
}
