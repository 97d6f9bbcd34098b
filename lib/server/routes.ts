// Every route handler under app/ and the methods it exports, for the request gate in front of
// Next (lib/server/request-gate.ts): Next answers other methods with an empty 405, and methods
// fetch cannot even represent (TRACE, CONNECT) with a 500 page. A test reads app/ and fails when
// a route is missing here or its methods differ.

export const ROUTE_METHODS: Readonly<Record<string, readonly string[]>> = {
  "/api/apply": ["POST"],
  "/api/audit": ["GET"],
  "/api/audit/export": ["GET"],
  "/api/explain/[hostname]": ["GET"],
  "/api/gateways": ["GET"],
  "/api/gateways/routes": ["GET"],
  "/api/healthz": ["GET"],
  "/api/hostnames": ["GET"],
  "/api/hostnames/[hostname]": ["GET"],
  "/api/history": ["GET"],
  "/api/lookup": ["GET"],
  "/api/objects/[kind]": ["GET"],
  "/api/plan": ["GET"],
  "/api/readyz": ["GET"],
  "/api/records": ["GET"],
  "/api/session": ["GET", "POST", "DELETE"],
  "/api/state": ["GET"],
  "/api/summary": ["GET"],
  "/api/upgrade-risk": ["GET"],
  "/api/what-if": ["GET"],
  "/api/what-if/changes": ["GET"],
  "/api/what-if/outline": ["GET"],
  "/healthz": ["GET"],
  "/metrics": ["GET"],
  "/readyz": ["GET"],
};

/** Pages and static files: read-only. */
export const PAGE_METHODS: readonly string[] = ["GET", "HEAD", "OPTIONS"];

const patterns = Object.entries(ROUTE_METHODS).map(([route, methods]) => {
  const source = route
    .split("/")
    .map((part) => (/^\[[^\]]+\]$/.test(part) ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return { route, re: new RegExp(`^${source}/?$`), methods };
});

/** The route handler serving `pathname` (already percent-decoded per segment), if any. */
export function routeFor(pathname: string): { route: string; methods: readonly string[] } | undefined {
  return patterns.find((p) => p.re.test(pathname));
}

/** What the Allow header lists for a handler's methods: HEAD comes with GET, OPTIONS always. */
export function allowed(methods: readonly string[]): string[] {
  const all = new Set([...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
  return [...all].sort();
}
