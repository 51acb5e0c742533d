/*
 * Which fields the backend under test asks Argo CD for when it lists applications: the global
 * fetch is wrapped (before the backend starts, so the Argo CD client takes the wrapper) to note
 * the `fields` query of every GET .../api/v1/applications, per instance URL. Nothing else is
 * touched: the request and its response go through as they are. The parent then asks the fake
 * for that same list and counts its JSON (cached_json_mb).
 */

export function recordListFields(): () => Record<string, string> {
  const seen: Record<string, string> = {};
  const original = globalThis.fetch;
  globalThis.fetch = ((input: any, init?: any) => {
    try {
      const url = new URL(
        typeof input === 'string' ? input : input.url ?? input,
      );
      const fields = url.searchParams.get('fields');
      if (url.pathname.endsWith('/api/v1/applications') && fields !== null)
        seen[url.origin] = fields;
    } catch {
      // not a URL we can read: not a list call
    }
    return original(input, init);
  }) as typeof fetch;
  return () => ({ ...seen });
}
