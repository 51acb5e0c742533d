import {
  coreExtensionData,
  createExtensionInput,
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { CatalogTable, type CatalogTableRow } from '@backstage/plugin-catalog';
import type { CatalogTableColumnsFunc } from '@backstage/plugin-catalog/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import CategoryIcon from '@material-ui/icons/Category';
import { argocdCatalogColumn } from '@internal/plugin-argocd';

/** The catalog's default columns, plus "Deployment" (Argo CD sync + health) for components, after Lifecycle. */
export const catalogColumnsWithArgocd: CatalogTableColumnsFunc = context => {
  const columns = CatalogTable.defaultColumnsFunc(context);
  // The kind the catalog's own columns are chosen by: the listed entities', else the filter's.
  const kind = String(
    context.entities[0]?.kind ?? context.filters.kind?.value ?? '',
  ).toLocaleLowerCase('en-US');
  if (kind !== 'component') return columns;
  // Before the description, which is the column that gives way when the table is narrow.
  const at = columns.findIndex(c => c.field === 'entity.metadata.description');
  const index = at === -1 ? columns.length : at;
  return [
    ...columns.slice(0, index),
    argocdCatalogColumn<CatalogTableRow>(),
    ...columns.slice(index),
  ];
};

/**
 * `page:catalog` with the Argo CD column. Backstage 1.55's catalog index page has no input for
 * table columns, so this replaces the page (same id, path, route, filters input) and renders the
 * catalog's own `CatalogIndexPage` with the default columns plus ours. (The catalog page's
 * `exportConfig` input and its pagination/export config are not carried over: Portico uses
 * neither; the page paginates by default.) Every row's status goes
 * through the Argo CD client's batching loader: one `POST /api/argocd/status` per page of rows.
 */
const catalogIndexPage = PageBlueprint.makeWithOverrides({
  inputs: {
    filters: createExtensionInput([coreExtensionData.reactElement]),
  },
  factory(originalFactory, { inputs }) {
    return originalFactory({
      path: '/catalog',
      routeRef: catalogPlugin.routes.catalogIndex,
      icon: <CategoryIcon fontSize="inherit" />,
      title: 'Catalog',
      loader: async () => {
        const { CatalogIndexPage } = await import(
          '@backstage/plugin-catalog/alpha'
        );
        const filters = inputs.filters.map(filter =>
          filter.get(coreExtensionData.reactElement),
        );
        return (
          <CatalogIndexPage
            filters={<>{filters}</>}
            columns={catalogColumnsWithArgocd}
          />
        );
      },
    });
  },
});

/** Replaces the catalog plugin's index page with one that has the Argo CD column. */
export const catalogModuleArgocdColumn = createFrontendModule({
  pluginId: 'catalog',
  extensions: [catalogIndexPage],
});
