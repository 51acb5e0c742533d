import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { useEffect, useState } from 'react';

/**
 * The catalog graph page is empty until it is given root entities. For an
 * overview of the whole catalog, root it at every Domain (or, when there is
 * none, every System): everything else hangs off those.
 */
export function useCatalogGraphRoots(): string[] {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [roots, setRoots] = useState<string[]>([]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const baseUrl = await discoveryApi.getBaseUrl('catalog');
      for (const kind of ['domain', 'system']) {
        const response = await fetchApi.fetch(
          `${baseUrl}/entities/by-query?filter=kind=${kind}&fields=metadata.namespace,metadata.name&limit=50`,
        );
        if (!response.ok) {
          return;
        }
        const { items } = (await response.json()) as {
          items: { metadata: { namespace?: string; name: string } }[];
        };
        if (items.length > 0) {
          if (!cancelled) {
            setRoots(
              items.map(
                e =>
                  `${kind}:${e.metadata.namespace ?? 'default'}/${
                    e.metadata.name
                  }`,
              ),
            );
          }
          return;
        }
      }
    })().catch(() => {
      // Without roots the link still opens the graph page.
    });
    return () => {
      cancelled = true;
    };
  }, [discoveryApi, fetchApi]);

  return roots;
}

/** `/catalog-graph?rootEntityRefs[]=...`, the format the graph page reads. */
export function catalogGraphHref(path: string, roots: string[]): string {
  if (roots.length === 0) {
    return path;
  }
  const params = new URLSearchParams();
  for (const root of roots) {
    params.append('rootEntityRefs[]', root);
  }
  return `${path}?${params.toString()}`;
}
