import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { LabelSelector, type LabelMatcher } from './LabelSelector';
import { labelNameProblem, labelValueProblem } from './labels';

/** `name=value,name=value`: the entity's own label matchers, replacing the app default. */
export const PROMETHEUS_SELECTOR_ANNOTATION = 'portico.io/prometheus-selector';
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/** How entities map to labels. */
export interface SelectorDefaults {
  namespaceLabel: string;
  appLabel: string;
}

/** What an entity's queries may read. */
export interface EntityScope {
  /** The owning team (group name), when the owner is a team. */
  team?: string;
  /**
   * The namespaces the queries read: the team's, or the one of them the annotations narrow to.
   * Empty when the owner holds none: then nothing is read.
   */
  namespaces: string[];
  /** The label selector; undefined exactly when `namespaces` is empty. */
  selector?: LabelSelector;
}

/** A Namespace name (RFC 1123 label): anything else from the platform is not used. */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

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

function invalid(annotation: string, error: unknown): InputError {
  return new InputError(
    `The entity's ${annotation} annotation is invalid: ${
      (error as Error).message
    }`,
  );
}

/**
 * What an entity's metrics, logs, panels and cost may read. The namespace matcher is built here
 * from `teamNamespaces` (the namespaces the platform says the owning team holds), never from the
 * entity: `backstage.io/kubernetes-namespace`, or the namespace label in
 * `portico.io/prometheus-selector`, may only narrow it to one of them (any other is 403 naming
 * it). The other matchers are `portico.io/prometheus-selector`'s (escaped equality matchers), or
 * the app label (`backstage.io/kubernetes-id`, or the entity's name). A malformed annotation is a
 * 400 that names it.
 */
export function entityScope(
  entity: Entity,
  defaults: SelectorDefaults,
  team: string | undefined,
  teamNamespaces: readonly string[],
): EntityScope {
  const annotations = entity.metadata.annotations ?? {};
  const custom = annotations[PROMETHEUS_SELECTOR_ANNOTATION];
  let others: LabelMatcher[];
  let narrow: { value: string; annotation: string } | undefined;
  if (custom !== undefined) {
    let matchers: LabelMatcher[];
    try {
      matchers = parseSelectorAnnotation(custom);
      // names, values and duplicates are checked before anything else is looked at
      LabelSelector.of(matchers);
    } catch (error) {
      throw invalid(PROMETHEUS_SELECTOR_ANNOTATION, error);
    }
    const ns = matchers.find(m => m.name === defaults.namespaceLabel);
    narrow = ns && {
      value: ns.value,
      annotation: PROMETHEUS_SELECTOR_ANNOTATION,
    };
    others = matchers.filter(m => m.name !== defaults.namespaceLabel);
  } else {
    const ns = annotations[KUBERNETES_NAMESPACE_ANNOTATION];
    const app = annotations[KUBERNETES_ID_ANNOTATION] ?? entity.metadata.name;
    const nsProblem = ns === undefined ? undefined : labelValueProblem(ns);
    if (nsProblem) {
      throw invalid(KUBERNETES_NAMESPACE_ANNOTATION, new Error(nsProblem));
    }
    const appProblem =
      labelNameProblem(defaults.appLabel) ?? labelValueProblem(app);
    if (appProblem) {
      throw invalid(KUBERNETES_ID_ANNOTATION, new Error(appProblem));
    }
    narrow =
      ns === undefined
        ? undefined
        : { value: ns, annotation: KUBERNETES_NAMESPACE_ANNOTATION };
    others = [{ name: defaults.appLabel, value: app }];
  }

  if (narrow && !NAMESPACE_NAME.test(narrow.value)) {
    throw invalid(
      narrow.annotation,
      new Error(
        'the namespace is not a Kubernetes namespace name (lowercase letters, digits and -, at most 63)',
      ),
    );
  }
  const held = [
    ...new Set(teamNamespaces.filter(n => NAMESPACE_NAME.test(n))),
  ].sort();
  if (held.length === 0) {
    return { team, namespaces: [] };
  }
  if (narrow && !held.includes(narrow.value)) {
    throw new NotAllowedError(
      `The entity's ${
        narrow.annotation
      } annotation names namespace ${JSON.stringify(
        narrow.value.slice(0, 64),
      )}, which is not one of ${team}'s namespaces: metrics, logs, panels and cost read only namespaces the owning team holds`,
    );
  }
  const namespaces = narrow ? [narrow.value] : held;
  return {
    team,
    namespaces,
    selector: LabelSelector.scoped(
      { name: defaults.namespaceLabel, values: namespaces },
      others,
    ),
  };
}
