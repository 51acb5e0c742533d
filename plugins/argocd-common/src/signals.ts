/**
 * The Backstage signal the Argo CD backend publishes when applications change, so open pages
 * (the entity's deployment card and tab, the catalog's Deployment column) refresh the status they
 * show without polling. Every user may read Argo CD status, so the signal is a broadcast; it names
 * what changed, never more than the status API already shows everyone.
 */
export const ARGOCD_SIGNAL_CHANNEL = 'argocd:applications';

/** One changed application: its instance, namespace and name (the status API's keys). */
export type ArgocdChangedApplication = {
  instance: string;
  namespace: string;
  name: string;
};

/**
 * The message on {@link ARGOCD_SIGNAL_CHANNEL}. Type aliases (not interfaces), so they satisfy the
 * signals API's `JsonObject` bound.
 */
export type ArgocdApplicationsSignal = {
  type: 'applications-changed';
  /** The changed applications; empty with `all: true` after a full relist. */
  applications: ArgocdChangedApplication[];
  /** True when the whole list of `instances` may have changed (a relist): refresh everything. */
  all?: boolean;
  instances: string[];
};
