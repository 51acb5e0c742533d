/* Attack rows: 8. The callback checks the token before writing anything. */
import type { AttackRow } from './types';

export const CALLBACK_ATTACKS: AttackRow[] = [
  {
    name: 'a callback with a wrong token',
    class: 'callback',
    as: 'anonymous',
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/provisioning/runs/$run/events',
      body: {
        eventId: 'forged-1',
        step: 'namespace',
        status: 'succeeded',
        final: true,
      },
    },
    expect: {
      status: 401,
      message: /Unknown provisioning run or wrong callback token/,
    },
    effects: ['provisioning'],
    audit: 'none',
    why: 'the unauthenticated callback writes audit events before checking the token',
  },
];
