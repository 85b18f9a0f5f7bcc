import { useEffect, useState } from 'react';

/** The views one page can show: the main screen, history, or the caption-only overlay. */
export type Route = 'main' | 'history' | 'overlay';

const ROUTES: readonly Route[] = ['main', 'history', 'overlay'];

/**
 * The route lives in the URL fragment beside the dev host's token ("#token=…&view=history"), so switching views never
 * reloads the page or reconnects, and the Electron shell can open the overlay as index.html#view=overlay.
 */
export function routeOf(hash: string): Route {
  const view = new URLSearchParams(hash.replace(/^#/, '')).get('view');
  return ROUTES.find((r) => r === view) ?? 'main';
}

/** The fragment for `route`, keeping every other parameter (the token) as it is. */
export function hashFor(hash: string, route: Route): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (route === 'main') params.delete('view');
  else params.set('view', route);
  return `#${params.toString()}`;
}

export const routeHref = (route: Route): string => `${window.location.pathname}${window.location.search}${hashFor(window.location.hash, route)}`;

export function goTo(route: Route): void {
  window.location.hash = hashFor(window.location.hash, route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
