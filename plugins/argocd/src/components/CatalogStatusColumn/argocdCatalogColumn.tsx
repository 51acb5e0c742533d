import type { Entity } from '@backstage/catalog-model';
import type { TableColumn } from '@backstage/core-components';
import { ArgocdStatusCell } from './ArgocdStatusCell';

/**
 * A catalog table column ("Deployment") with each row's Argo CD sync and health. Rows are plain
 * `{ entity }` objects, as in the catalog index page's table.
 */
export function argocdCatalogColumn<
  T extends { entity: Entity },
>(): TableColumn<T> {
  return {
    title: 'Deployment',
    field: 'entity.metadata.annotations',
    sorting: false,
    searchable: false,
    render: row => <ArgocdStatusCell entity={row.entity} />,
  };
}
