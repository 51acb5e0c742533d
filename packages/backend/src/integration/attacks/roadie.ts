/* Attack rows: 2. Roadie-compatible routes return no spec.source details. */
import type { AttackRow } from './types';
import { ALICE } from './requests';

export const ROADIE_ATTACKS: AttackRow[] = [
  {
    name: 'Roadie’s application route shows team-b’s Helm values',
    class: 'roadie-leak',
    as: ALICE,
    request: {
      kind: 'http',
      method: 'GET',
      path: '/api/argocd/argoInstance/$argo/applications/name/svc-b',
    },
    expect: {
      status: 200,
      bodyExcludes: /team-b-helm-db-password-canary|"helm"/,
    },
    effects: [],
    audit: 'not-applicable',
    why: 'Roadie-compatible routes return every application’s spec.source (Helm values, parameters, plugin env) to every user',
  },
  {
    name: 'Roadie’s selector route shows team-b’s Helm values',
    class: 'roadie-leak',
    as: ALICE,
    request: {
      kind: 'http',
      method: 'GET',
      path: '/api/argocd/argoInstance/$argo/applications/selector/app.kubernetes.io%2Fname%3Dsvc-b',
    },
    expect: {
      status: 200,
      bodyExcludes: /team-b-helm-db-password-canary|"helm"/,
    },
    effects: [],
    audit: 'not-applicable',
    why: 'the same for the list route',
  },
  {
    name: 'Portico’s entity route shows team-b’s Helm values',
    class: 'roadie-leak',
    as: ALICE,
    request: {
      kind: 'http',
      method: 'GET',
      path: '/api/argocd/entities/component/default/svc-b',
    },
    expect: { status: 200, bodyExcludes: /team-b-helm-db-password-canary/ },
    effects: [],
    audit: 'not-applicable',
    why: 'everyone sees status, nobody else’s secrets',
  },
];
