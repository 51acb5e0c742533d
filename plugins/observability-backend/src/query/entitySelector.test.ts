import { componentEntity } from '../testing/entities';
import { entityScope } from './entitySelector';

const defaults = { namespaceLabel: 'namespace', appLabel: 'app' };

const entity = (annotations: Record<string, string>, name = 'checkout') =>
  componentEntity(name, annotations);

const scope = (
  annotations: Record<string, string>,
  held = ['shop', 'shop-2'],
) => entityScope(entity(annotations), defaults, 'team-a', held);

describe('entityScope', () => {
  it("reads all of the team's namespaces when the entity names none", () => {
    const s = scope({});
    expect(s.namespaces).toEqual(['shop', 'shop-2']);
    expect(s.selector!.toMatchers()).toBe(
      'namespace=~"shop|shop-2",app="checkout"',
    );
  });

  it('narrows to the namespace the annotation names, when the team holds it', () => {
    const s = scope({
      'backstage.io/kubernetes-namespace': 'shop-2',
      'backstage.io/kubernetes-id': 'cart',
    });
    expect(s.namespaces).toEqual(['shop-2']);
    expect(s.selector!.toMatchers()).toBe('namespace="shop-2",app="cart"');
  });

  it.each([
    [
      { 'backstage.io/kubernetes-namespace': 'payments' },
      'kubernetes-namespace',
      'payments',
    ],
    [
      { 'backstage.io/kubernetes-namespace': 'kube-system' },
      'kubernetes-namespace',
      'kube-system',
    ],
    [
      { 'portico.io/prometheus-selector': 'namespace=payments,app=x' },
      'prometheus-selector',
      'payments',
    ],
  ])(
    'refuses %j with a 403 naming the namespace',
    (annotations, annotation, ns) => {
      let error: any;
      try {
        scope(annotations);
      } catch (e) {
        error = e;
      }
      expect(error?.name).toBe('NotAllowedError');
      expect(error.message).toContain(annotation);
      expect(error.message).toContain(`namespace "${ns}"`);
      expect(error.message).toContain("team-a's namespaces");
    },
  );

  it('builds the namespace matcher itself from a selector: the selector only narrows', () => {
    expect(
      scope({
        'portico.io/prometheus-selector': 'app=payments',
      }).selector!.toMatchers(),
    ).toBe('namespace=~"shop|shop-2",app="payments"');
    expect(
      scope({
        'portico.io/prometheus-selector':
          'namespace=shop, app=payments, tier=web',
      }).selector!.toMatchers(),
    ).toBe('namespace="shop",app="payments",tier="web"');
    // other labels stay escaped equality matchers
    expect(
      scope({
        'portico.io/prometheus-selector': 'app=.*',
      }).selector!.toMatchers(),
    ).toBe('namespace=~"shop|shop-2",app=".*"');
  });

  it('refuses a selector that gives the namespace twice (no second matcher can widen it)', () => {
    expect(() =>
      scope({
        'portico.io/prometheus-selector': 'namespace=shop,namespace=payments',
      }),
    ).toThrow('annotation is invalid: label "namespace" is given twice');
  });

  it('reads nothing when the team holds no namespaces, whatever the annotations say', () => {
    const cases: Array<Record<string, string>> = [
      {},
      { 'backstage.io/kubernetes-namespace': 'payments' },
      { 'portico.io/prometheus-selector': 'namespace=payments,app=x' },
    ];
    for (const annotations of cases) {
      expect(scope(annotations, [])).toEqual({
        team: 'team-a',
        namespaces: [],
      });
    }
    // nor does a platform answer that is not a namespace name
    expect(scope({}, ['Not A Namespace', '']).namespaces).toEqual([]);
  });

  it('refuses a namespace that is no namespace name with a 400, without repeating it', () => {
    const cases: Array<Record<string, string>> = [
      {
        'portico.io/prometheus-selector':
          'app=x, namespace=shop"} or vector(1)',
      },
      { 'backstage.io/kubernetes-namespace': 'shop\n' },
      { 'backstage.io/kubernetes-namespace': 'Shop' },
    ];
    for (const annotations of cases) {
      let error: any;
      try {
        scope(annotations);
      } catch (e) {
        error = e;
      }
      expect(error?.name).toBe('InputError');
      expect(error.message).toContain(
        'annotation is invalid: the namespace is not a Kubernetes namespace name',
      );
      expect(error.message).not.toContain('shop');
    }
  });

  it('still refuses a malformed annotation with a 400 naming it', () => {
    expect(() =>
      scope({ 'portico.io/prometheus-selector': 'no-equals' }),
    ).toThrow(
      "The entity's portico.io/prometheus-selector annotation is invalid",
    );
    expect(() =>
      scope({ 'backstage.io/kubernetes-namespace': 'a\u0000' }),
    ).toThrow(
      "The entity's backstage.io/kubernetes-namespace annotation is invalid",
    );
    expect(() => scope({ 'backstage.io/kubernetes-id': '' })).toThrow(
      "The entity's backstage.io/kubernetes-id annotation is invalid",
    );
  });
});
