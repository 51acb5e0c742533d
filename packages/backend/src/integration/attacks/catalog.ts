/* Attack rows: 1. Who may put what in the catalog. */
import type { AttackRow } from './types';
import { ALICE } from './requests';

export const CATALOG_ATTACKS: AttackRow[] = [
  {
    name: 'a developer registers a location holding a Group (portico-admins)',
    class: 'catalog-registration',
    as: ALICE,
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/catalog/locations',
      body: { type: 'url', target: '$gitUrl/team-a/evil/raw/main/group.yaml' },
    },
    expect: { status: [400, 403], message: /group:default\/evil-admins|Group/ },
    effects: [
      'catalog-locations',
      { absentEntities: ['group:default/evil-admins'] },
    ],
    why: 'any signed-in user may register entities (Users and Groups included)',
  },
  {
    name: 'a developer registers a location holding a Template',
    class: 'catalog-registration',
    as: ALICE,
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/catalog/locations',
      body: {
        type: 'url',
        target: '$gitUrl/team-a/evil/raw/main/template.yaml',
      },
    },
    expect: {
      status: [400, 403],
      message: /template:default\/evil-template|Template/,
    },
    effects: [
      'catalog-locations',
      { absentEntities: ['template:default/evil-template'] },
    ],
    why: 'registering a Template is for admins',
  },
  {
    name: 'a developer registers a Component owned by team-b',
    class: 'catalog-registration',
    as: ALICE,
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/catalog/locations',
      body: {
        type: 'url',
        target: '$gitUrl/team-a/evil/raw/main/component.yaml',
      },
    },
    expect: { status: [400, 403], message: /group:default\/team-b|team-b/ },
    effects: [
      'catalog-locations',
      { absentEntities: ['component:default/evil-svc'] },
    ],
    why: 'a developer may register a Component only with an owner that is one of their own groups',
  },
  {
    name: 'a developer deletes a location the admin registered',
    class: 'catalog-registration',
    as: ALICE,
    request: {
      kind: 'http',
      method: 'DELETE',
      path: '/api/catalog/locations/$location:svc-b-docs',
    },
    expect: {
      status: 403,
      message:
        /only admins may delete catalog locations; location [0-9a-f-]+ \(url:.*svc-b-docs.*\) was not deleted/,
    },
    effects: [
      'catalog-locations',
      { presentEntity: 'component:default/svc-b-docs' },
    ],
    why: 'deleting a location is for admins',
  },
  {
    name: 'a developer deletes team-b’s entity',
    class: 'catalog-registration',
    as: ALICE,
    request: {
      kind: 'http',
      method: 'DELETE',
      path: '/api/catalog/entities/by-uid/$uid:component:default/svc-b',
    },
    expect: { status: 403 },
    effects: [{ presentEntity: 'component:default/svc-b' }],
    why: 'owners act',
  },
];
