// CSRF defence, first half: a state-changing request from a browser must come from a page of
// this very server. The Origin header (or, failing that, the Referer's origin) must name the
// request's Host, an X-Forwarded-Host set by a trusted proxy, or an origin the operator
// allowed. A request with neither header gets "none": the caller refuses it when the browser
// may have attached credentials on its own (cookies, the auth proxy, localhost), and lets it
// through only for bearer-token clients. The CSRF token is the other half (auth/guard.ts).

export interface OriginPolicy {
  /** Origins allowed besides the request's own host, normalised by `new URL(o).origin`. */
  allowedOrigins: string[];
  /** X-Forwarded-Host is believed only when the request came from a trusted proxy. */
  forwardedHostTrusted: boolean;
}

export type OriginVerdict = { ok: true; evidence: "origin" | "referer" | "none" } | { ok: false; message: string };

function refererOrigin(referer: string | null): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

function hostsOf(req: Request, policy: OriginPolicy): string[] {
  const hosts = [req.headers.get("host") ?? new URL(req.url).host];
  const forwarded = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  if (policy.forwardedHostTrusted && forwarded) hosts.push(forwarded);
  return hosts.map((h) => h.toLowerCase());
}

export function checkOrigin(req: Request, policy: OriginPolicy): OriginVerdict {
  const originHeader = req.headers.get("origin");
  const referer = refererOrigin(req.headers.get("referer"));
  const origin = originHeader ?? referer;
  if (!origin) {
    const site = req.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") return { ok: false, message: `a ${site} request may not change anything` };
    return { ok: true, evidence: "none" };
  }
  if (origin === "null") return { ok: false, message: "a request from an opaque origin may not change anything" };
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return { ok: false, message: "the Origin header is not a URL" };
  }
  if (policy.allowedOrigins.includes(url.origin) || hostsOf(req, policy).includes(url.host.toLowerCase())) {
    return { ok: true, evidence: originHeader ? "origin" : "referer" };
  }
  return { ok: false, message: `requests from ${url.origin} may not change anything here` };
}
