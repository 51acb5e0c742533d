export interface Config {
  audit?: {
    buffer?: {
      /**
       * How many audit events each backend process keeps in memory while they wait to be
       * written to PostgreSQL (default 10000). When the buffer is full — the database has been
       * unreachable for a while, or events arrive faster than they can be written — the OLDEST
       * waiting events are dropped, counted (`dropped` of `GET /api/audit/status`), logged as a
       * warning at most every 30 seconds, and recorded as one `audit.events-dropped` event with
       * their count once writing works again.
       */
      capacity?: number;
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
