// CSRF defence for state-changing requests: the browser's Origin (or, failing that, Referer)
// must name this very server. Requests without either (curl, scripts) pass here and are left
// to authentication.

export function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin") ?? refererOrigin(req.headers.get("referer"));
  if (!origin) return !req.headers.get("sec-fetch-site") || req.headers.get("sec-fetch-site") === "same-origin";
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function refererOrigin(referer: string | null): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
