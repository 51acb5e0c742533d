/**
 * Portico's permission definitions, imported by every plugin that checks them and by the policy.
 *
 * @packageDocumentation
 */
export * from './permissions';
