import { CatalogTable } from '@backstage/plugin-catalog';
import { catalogColumnsWithArgocd } from './catalogIndexWithArgocd';
import { roadieArgocdModule } from './roadieArgocdModule';

function contextFor(kind: string) {
  return {
    filters: { kind: { value: kind, label: kind } },
    entities: [],
  } as any;
}

describe('Argo CD wiring', () => {
  it('adds the Deployment column to the components list, before the description', () => {
    const context = contextFor('component');
    const defaults = CatalogTable.defaultColumnsFunc(context);
    const columns = catalogColumnsWithArgocd(context);
    expect(columns).toHaveLength(defaults.length + 1);
    const at = columns.findIndex(c => c.title === 'Deployment');
    expect(columns[at + 1].field).toBe('entity.metadata.description');
    expect(
      columns.filter(c => c.title !== 'Deployment').map(c => c.field),
    ).toEqual(defaults.map(c => c.field));
  });

  it('leaves the other kinds of lists as they are', () => {
    const context = contextFor('api');
    expect(catalogColumnsWithArgocd(context).map(c => c.title)).toEqual(
      CatalogTable.defaultColumnsFunc(context).map(c => c.title),
    );
  });

  it("adds Roadie's cards to the argocd plugin", () => {
    expect(roadieArgocdModule.pluginId).toBe('argocd');
  });
});
