/*
 * The attack rows of issue 12: what a developer of team-a (alice-dev), signed in for real, or a
 * service credential, tries against team-b's services (svc-b, namespace svc-b, Argo CD application
 * svc-b) — and what the backend must answer. A new attack is a new row in its family's file;
 * ../attacks.test.ts runs them all, in this order.
 *
 * Placeholders in requests: `$gitHost` (the loopback Git server as repoHost names it), `$gitUrl`,
 * `$argo` (the Argo CD instance), `$uid:<entity ref>` (an entity's uid), `$location:<target part>`
 * (the id of the location whose target contains it), `$run` (a provisioning run of team-a's),
 * `$task` (a scaffolder task bob-dev of team-b started).
 */
import type { AttackRow } from './types';
import { RESERVED_NAMESPACE_ATTACKS } from './reservedNamespaces';
import { PROVISIONING_ATTACKS } from './provisioning';
import { GITOPS_ATTACKS } from './gitops';
import { ARGOCD_ATTACKS } from './argocd';
import { OBSERVABILITY_ATTACKS } from './observability';
import { SECRET_ATTACKS } from './secrets';
import { CATALOG_ATTACKS } from './catalog';
import { PRINCIPAL_ATTACKS } from './principals';
import { TASK_ATTACKS } from './tasks';
import { CALLBACK_ATTACKS } from './callback';
import { ROADIE_ATTACKS } from './roadie';

export type { AttackClass, AttackRequest, AttackRow, Effect } from './types';

export const ATTACKS: AttackRow[] = [
  ...RESERVED_NAMESPACE_ATTACKS,
  ...PROVISIONING_ATTACKS,
  ...GITOPS_ATTACKS,
  ...ARGOCD_ATTACKS,
  ...OBSERVABILITY_ATTACKS,
  ...SECRET_ATTACKS,
  ...CATALOG_ATTACKS,
  ...PRINCIPAL_ATTACKS,
  ...TASK_ATTACKS,
  ...CALLBACK_ATTACKS,
  ...ROADIE_ATTACKS,
];
