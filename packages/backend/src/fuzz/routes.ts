import type { Server } from 'http';

/** One route of a mounted backend, as express knows it. */
export interface DiscoveredRoute {
  method: string;
  /** Full path with `:param` placeholders, e.g. `/api/x/items/:id`. */
  path: string;
  params: string[];
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  regexp?: RegExp;
  keys?: Array<{ name: string }>;
}

/**
 * Turns the regexp express 4 builds for `use(path, router)` back into the
 * path, for static mount paths such as `/api/release-orchestration`.
 */
function mountPath(layer: Layer): string | undefined {
  const source = layer.regexp?.source;
  if (!source) return '';
  if (source === '^\\/?(?=\\/|$)' || source === '^\\/?$') return '';
  const match = /^\^(.*?)\\\/\?\(\?=\\\/\|\$\)$/.exec(source);
  if (!match) return undefined;
  const path = match[1].replace(/\\\//g, '/').replace(/\\(.)/g, '$1');
  return /[()[\]*+?|^$]/.test(path) ? undefined : path;
}

function walk(stack: Layer[], prefix: string, out: DiscoveredRoute[]) {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path)
        ? layer.route.path
        : [layer.route.path];
      for (const path of paths) {
        if (typeof path !== 'string') continue;
        const full = `${prefix}${path}`;
        for (const [method, enabled] of Object.entries(layer.route.methods)) {
          if (!enabled || method === '_all') continue;
          out.push({
            method: method.toUpperCase(),
            path: full,
            params: [...full.matchAll(/:(\w+)/g)].map(m => m[1]),
          });
        }
      }
    } else if (layer.handle?.stack) {
      const mount = mountPath(layer);
      if (mount === undefined) continue;
      walk(layer.handle.stack, `${prefix}${mount}`, out);
    }
  }
}

/**
 * Every route served by `server`, found by walking the express app that
 * handles its requests (the root router, the plugin routers mounted at
 * `/api/<pluginId>`, and their sub-routers).
 */
export function discoverRoutes(server: Server): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const listener of server.listeners('request')) {
    const app = listener as unknown as {
      _router?: { stack: Layer[] };
      stack?: Layer[];
    };
    const stack = app._router?.stack ?? app.stack;
    if (stack) walk(stack, '', routes);
  }
  const seen = new Set<string>();
  return routes.filter(route => {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
