import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LabelSelector, type LabelMatcher } from './LabelSelector';

/** `name=value,name=value`: the entity's own label matchers, replacing the platform default. */
export const PROMETHEUS_SELECTOR_ANNOTATION = 'portico.io/prometheus-selector';
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/** How entities without their own selector map to labels. */
export interface SelectorDefaults {
  namespaceLabel: string;
  appLabel: string;
  defaultNamespace?: string;
}

function parseSelectorAnnotation(text: string): LabelMatcher[] {
  // Only the spaces after a comma are dropped; a value is taken exactly as written.
  return text
    .split(',')
    .map(part => part.replace(/^ +/, ''))
    .filter(Boolean)
    .map(part => {
      const eq = part.indexOf('=');
      if (eq <= 0) {
        throw new Error(`"${part.slice(0, 64)}" is not name=value`);
      }
      return { name: part.slice(0, eq).trim(), value: part.slice(eq + 1) };
    });
}

/**
 * The label selector of an entity: `portico.io/prometheus-selector` when set, otherwise
 * namespace (`backstage.io/kubernetes-namespace`, the configured default, or the entity's
 * namespace) and app (`backstage.io/kubernetes-id`, or the entity's name). Every name and value
 * is validated; a bad annotation is a 400 that names it.
 */
export function entitySelector(
  entity: Entity,
  defaults: SelectorDefaults,
): LabelSelector {
  const annotations = entity.metadata.annotations ?? {};
  const custom = annotations[PROMETHEUS_SELECTOR_ANNOTATION];
  try {
    if (custom !== undefined) {
      return LabelSelector.of(parseSelectorAnnotation(custom));
    }
  } catch (error) {
    throw new InputError(
      `The entity's ${PROMETHEUS_SELECTOR_ANNOTATION} annotation is invalid: ${
        (error as Error).message
      }`,
    );
  }
  const namespace =
    annotations[KUBERNETES_NAMESPACE_ANNOTATION] ??
    defaults.defaultNamespace ??
    entity.metadata.namespace ??
    'default';
  const app = annotations[KUBERNETES_ID_ANNOTATION] ?? entity.metadata.name;
  try {
    return LabelSelector.of([
      { name: defaults.namespaceLabel, value: namespace },
      { name: defaults.appLabel, value: app },
    ]);
  } catch (error) {
    throw new InputError(
      `The entity's ${KUBERNETES_NAMESPACE_ANNOTATION} or ${KUBERNETES_ID_ANNOTATION} annotation is invalid: ${
        (error as Error).message
      }`,
    );
  }
}
