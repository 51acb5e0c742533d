import { catalogGraphHref } from './useCatalogGraphRoots';

describe('catalogGraphHref', () => {
  it('links to the bare page when there are no roots', () => {
    expect(catalogGraphHref('/catalog-graph', [])).toBe('/catalog-graph');
  });

  it('passes the roots the way the catalog graph page reads them', () => {
    const href = catalogGraphHref('/catalog-graph', [
      'domain:default/commerce',
      'domain:default/platform',
    ]);
    const params = new URLSearchParams(href.split('?')[1]);
    expect(href.startsWith('/catalog-graph?')).toBe(true);
    expect(params.getAll('rootEntityRefs[]')).toEqual([
      'domain:default/commerce',
      'domain:default/platform',
    ]);
  });
});
