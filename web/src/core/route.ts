// Client-side routes as data: parsing an address and writing one. The node serves index.html for
// every path without a file extension, so these URLs can be reloaded and shared.

export type Route =
  | { readonly name: 'lobby' }
  | { readonly name: 'table'; readonly table: string }
  | { readonly name: 'admin' }
  | { readonly name: 'not_found'; readonly path: string };

const TABLE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/lobby') return { name: 'lobby' };
  if (path === '/admin') return { name: 'admin' };
  const table = /^\/table\/([^/]+)$/.exec(path)?.[1];
  if (table !== undefined) {
    const id = safeDecode(table);
    if (id !== null && TABLE_ID.test(id)) return { name: 'table', table: id };
  }
  return { name: 'not_found', path };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'lobby':
      return '/';
    case 'admin':
      return '/admin';
    case 'table':
      return `/table/${encodeURIComponent(route.table)}`;
    case 'not_found':
      return route.path;
  }
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
