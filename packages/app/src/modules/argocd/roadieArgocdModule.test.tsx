import { screen } from '@testing-library/react';
import { fetchApiRef } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import argocdPlugin from '@internal/plugin-argocd';
import { roadieHistoryCard, roadieOverviewCard } from './roadieArgocdModule';

/** Portico's argocd backend answering GET /config: no instance configured. */
function notConfiguredFetch() {
  return jest.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.endsWith('/api/argocd/config')) {
      return new Response(
        JSON.stringify({ configured: false, instances: [] }),
        { headers: { 'content-type': 'application/json' } },
      );
    }
    return new Response('{"error":{"message":"not found"}}', { status: 404 });
  });
}

describe("Roadie's Argo CD cards without Argo CD", () => {
  it.each([
    ['overview', roadieOverviewCard, 'Argo CD overview'],
    ['history', roadieHistoryCard, 'Argo CD history'],
  ])(
    'the %s card shows the calm "not connected" card, not a 404 error box',
    async (_name, card, title) => {
      const fetch = notConfiguredFetch();
      await renderInTestApp(createExtensionTester(card).reactElement(), {
        features: [argocdPlugin],
        apis: [[fetchApiRef, { fetch }]],
      });

      expect(
        await screen.findByText('Argo CD is not connected to this portal.'),
      ).toBeInTheDocument();
      expect(screen.getByText(title)).toBeInTheDocument();
      expect(screen.queryByText(/failed to fetch|404/i)).toBeNull();
      expect(
        fetch.mock.calls.some(([u]) =>
          String(u).endsWith('/api/argocd/config'),
        ),
      ).toBe(true);
    },
  );
});
