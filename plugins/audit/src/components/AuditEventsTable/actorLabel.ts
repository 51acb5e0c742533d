import type { AuditEvent } from '@internal/plugin-audit-common';

/** Who acted: the actor's id, else its type (`anonymous`). */
export function actorLabel(actor: AuditEvent['actor']): string {
  return actor.id ?? actor.type;
}
