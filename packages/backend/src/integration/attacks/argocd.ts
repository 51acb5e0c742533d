/* Attack rows: 2. Sync and refresh act only on applications the platform ties to the entity's owner. */
import type { AttackRow } from './types';
import { ALICE, sync } from './requests';

export const ARGOCD_ATTACKS: AttackRow[] = [
  {
    name: 'sync team-b’s application through team-b’s entity',
    class: 'argocd-action',
    as: ALICE,
    request: sync('svc-b', 'svc-b'),
    expect: { status: 403, message: /component:default\/svc-b/ },
    effects: ['argocd'],
    why: 'owners act',
  },
  {
    name: 'refresh team-b’s application through team-b’s entity',
    class: 'argocd-action',
    as: ALICE,
    request: sync('svc-b', 'svc-b', 'refresh'),
    expect: { status: 403, message: /component:default\/svc-b/ },
    effects: ['argocd'],
    why: 'owners act',
  },
  {
    name: 'sync team-b’s application through an entity of team-a naming it (argocd/app-name)',
    class: 'argocd-action',
    as: ALICE,
    request: sync('a-points-at-b', 'svc-b'),
    expect: { status: 403, message: /"svc-b"/ },
    effects: ['argocd'],
    why: 'sync authorizes against the entity but acts on whatever its annotation names',
  },
  {
    name: 'refresh team-b’s application through an entity of team-a naming it',
    class: 'argocd-action',
    as: ALICE,
    request: sync('a-points-at-b', 'svc-b', 'refresh'),
    expect: { status: 403, message: /"svc-b"/ },
    effects: ['argocd'],
    why: 'the same for refresh',
  },
  {
    name: 'sync team-b’s application through an entity of team-a selecting everything (!nonexistent)',
    class: 'argocd-action',
    as: ALICE,
    request: sync('a-selects-all', 'svc-b'),
    expect: { status: 403, message: /"svc-b"/ },
    effects: ['argocd'],
    why: '`!nonexistent` matches every application',
  },
  {
    name: 'refresh team-b’s application through an entity of team-a selecting everything',
    class: 'argocd-action',
    as: ALICE,
    request: sync('a-selects-all', 'svc-b', 'refresh'),
    expect: { status: 403, message: /"svc-b"/ },
    effects: ['argocd'],
    why: 'the same for refresh',
  },
];
