export interface Config {
  /** Portico settings. */
  portico?: {
    access?: {
      /**
       * Groups whose members may do everything (entity refs or names, e.g. `group:default/portico-admins`).
       * Default: `group:default/portico-admins`.
       */
      adminGroups?: string[];
      /** Groups whose members may read the audit log. Default: `group:default/auditors`. */
      auditorGroups?: string[];
    };
  };
}
