import { reservedNamespaceReason } from '@internal/plugin-portico-node';
import { GitopsSettings } from '../settings';
import { manifestsOf } from './manifestFiles';

/**
 * Reserved namespaces anywhere in a commit's files (a namespace directory, a Namespace, an
 * object's namespace, an Application's or AppProject's destination): checked first, before
 * ownership or anything else. Argo CD objects themselves live in the Argo CD namespace.
 */
export function reservedInFiles(
  settings: {
    gitops: Pick<GitopsSettings, 'namespacesPath'>;
    reservedNamespaces: string[];
  },
  files: Record<string, string>,
): string[] {
  const problems: string[] = [];
  const check = (p: string, field: string, value: unknown) => {
    const reason =
      typeof value === 'string'
        ? reservedNamespaceReason(value, settings.reservedNamespaces)
        : undefined;
    if (reason) problems.push(`input.files["${p}"]: ${field}: ${reason}`);
  };
  for (const [p, content] of Object.entries(files)) {
    const prefix = `${settings.gitops.namespacesPath}/`;
    if (p.startsWith(prefix)) {
      check(p, 'directory', p.slice(prefix.length).split('/')[0]);
    }
    for (const o of manifestsOf(content) ?? []) {
      if (o.apiVersion === 'argoproj.io/v1alpha1') {
        check(p, 'spec.destination.namespace', o.spec?.destination?.namespace);
        (Array.isArray(o.spec?.destinations)
          ? o.spec.destinations
          : []
        ).forEach((d: any, i: number) =>
          check(p, `spec.destinations[${i}].namespace`, d?.namespace),
        );
      } else if (o.kind === 'Namespace') {
        check(p, 'metadata.name', o.metadata?.name);
      } else {
        check(p, 'metadata.namespace', o.metadata?.namespace);
      }
    }
  }
  return [...new Set(problems)];
}
