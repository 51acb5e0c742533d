/*
 * The HTTP routes a running backend serves, read from its Express router stacks (the root
 * router's `/api/<pluginId>` mounts and every router the plugins handed to `httpRouter.use`),
 * so a route a plugin registers is seen whatever source file or helper registered it.
 */

/** `METHOD /api/<pluginId><path>`; `USE` for a middleware mounted on a path (e.g. a proxy). */
export interface DiscoveredRoute {
  method: string;
  path: string;
  /** The plugin id, from the `/api/<pluginId>` mount. */
  pluginId: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  /** A router (`stack`) or an Express application (`_router.stack`, e.g. the scaffolder's). */
  handle?: { stack?: Layer[]; _router?: { stack?: Layer[] } };
  regexp?: RegExp & { fast_slash?: boolean };
  keys?: Array<{ name: string | number }>;
}

/** The path an Express 4 `use(path, ...)` layer was mounted on, from its regular expression. */
export function mountPath(layer: Layer): string {
  const re = layer.regexp;
  if (!re || re.fast_slash) return '';
  let source = re.source;
  source = source.replace(/^\^/, '').replace(/\\\/\?\(\?=\\\/\|\$\)$/, '').replace(/\(\?=\\\/\|\$\)$/, '');
  let key = 0;
  source = source.replace(/\(\?:\(\[\^\\\/\]\+\?\)\)/g, () => `:${layer.keys?.[key++]?.name ?? 'param'}`);
  return source.replace(/\\\//g, '/').replace(/\\\./g, '.').replace(/\\-/g, '-');
}

function walk(stack: Layer[], prefix: string, out: Array<{ method: string; path: string }>) {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const method of Object.keys(layer.route.methods)) {
        if (method === '_all') continue;
        for (const p of paths) out.push({ method: method.toUpperCase(), path: `${prefix}${String(p)}` });
      }
    } else if (layer.handle?.stack ?? layer.handle?._router?.stack) {
      walk(layer.handle.stack ?? layer.handle._router!.stack!, `${prefix}${mountPath(layer)}`, out);
    } else if (mountPath(layer)) {
      out.push({ method: 'USE', path: `${prefix}${mountPath(layer)}` });
    }
  }
}

/**
 * Every route under `/api/<pluginId>`: of the root router's handler
 * (`RootHttpRouterConfigureContext.routes`), and of every handler a plugin gave `httpRouter.use`
 * (recorded as it was registered: a router some plugins wrap, e.g. the scaffolder's Express
 * application, cannot be reached through the root router's wrappers).
 */
export function discoverRoutes(
  routes: unknown,
  registered: Array<{ pluginId: string; handler: unknown }> = [],
): DiscoveredRoute[] {
  const found: Array<{ method: string; path: string }> = [];
  walk((routes as { stack: Layer[] }).stack, '', found);
  for (const { pluginId, handler } of registered) {
    walk([{ handle: handler as Layer['handle'], regexp: Object.assign(/^\/?(?=\/|$)/i, { fast_slash: true }) }], `/api/${pluginId}`, found);
  }
  const unique = new Map<string, DiscoveredRoute>();
  for (const r of found) {
    const m = /^\/api\/([^/]+)/.exec(r.path);
    if (!m) continue;
    unique.set(`${r.method} ${r.path}`, { ...r, pluginId: m[1] });
  }
  return [...unique.values()].sort((a, b) =>
    `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`),
  );
}
