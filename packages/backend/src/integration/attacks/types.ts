/* What an attack row is: its class, its request, the effects that must not happen, the answer. */
import type { Caller } from '../harness/startPortico';

/** The classes of issue 12 ("What must hold when this is done"). */
export type AttackClass =
  | 'reserved-namespace'
  | 'foreign-namespace'
  | 'provisioning-parameters'
  | 'gitops-commit'
  | 'argocd-action'
  | 'observability-scope'
  | 'grafana-dashboard'
  | 'secret-scope'
  | 'catalog-registration'
  | 'principals'
  | 'task-ownership'
  | 'callback'
  | 'roadie-leak';

export type AttackRequest =
  | { kind: 'http'; method: string; path: string; body?: unknown }
  /** POST /api/scaffolder/v2/dry-run of a template of templates/ (its files as the editor sends them). */
  | { kind: 'dry-run'; template: string; values: Record<string, unknown> }
  /** POST /api/scaffolder/v2/dry-run of a template the caller wrote (files: none). */
  | {
      kind: 'dry-run-inline';
      template: Record<string, unknown>;
      values: Record<string, unknown>;
    }
  /** POST /api/scaffolder/v2/tasks for a registered template, followed until the task ends. */
  | { kind: 'task'; template: string; values: Record<string, unknown> };

/** A side effect that must not have happened. */
export type Effect =
  /** No ref of any repository on the Git server moved (no commit, no new repository). */
  | 'git'
  /** Argo CD received no sync and no refresh. */
  | 'argocd'
  /** No provisioning run, outbox row, run event, token, or webhook delivery was added. */
  | 'provisioning'
  /** No catalog location was added or removed. */
  | 'catalog-locations'
  /** Prometheus, Loki and Grafana were asked nothing that matches. */
  | { upstream: RegExp }
  /** These entities are not in the catalog a few seconds later. */
  | { absentEntities: string[] }
  /** The entity is still in the catalog. */
  | { presentEntity: string };

export interface AttackRow {
  name: string;
  class: AttackClass;
  as: Caller;
  request: AttackRequest;
  /**
   * The answer: HTTP status (one, or any of several where the issue allows several), or
   * `task-failed` when the scaffolder accepted the task and a step refused it. The message is
   * matched against the error message (or the task's failed step).
   */
  expect: {
    status: number | 'task-failed' | Array<number | 'task-failed'>;
    message?: RegExp;
    /**
     * What the audited refusal's error must match, when it differs from `message`: the
     * scaffolder stores a refusal by the form's schema as "Could not execute dry run".
     */
    auditMessage?: RegExp;
    /** The response body must not match (leaks). */
    bodyExcludes?: RegExp;
    /**
     * Also acceptable instead of a refusal: the dry run succeeded and what it would write is
     * safe (the named check), e.g. the platform replaced a store the caller named with its own.
     */
    orSafeOutput?: 'platform-secret-store';
  };
  effects: Effect[];
  /**
   * `refusal` (default for refusals): a failed audit event of the plugin, by the caller, whose error
   * matches `expect.message`, stored after the row started. `none`: the plugin stored no event at
   * all for it (an unauthenticated callback must not write). `not-applicable`: a read that is allowed.
   */
  audit?: 'refusal' | 'none' | 'not-applicable';
  /** Why the row exists, in the words. */
  why: string;
}
