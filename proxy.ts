// Runs before every request Next handles: gives each page a fresh CSP nonce (Next reads the
// policy from the request to stamp its own scripts; the layout reads x-nonce for ours) and puts
// the security headers on every response, pages and API alike.

import { NextResponse, type NextRequest } from "next/server";
import { routeFor } from "@/lib/server/routes";
import { API_SECURITY_HEADERS, newNonce, pagePolicy, STATIC_SECURITY_HEADERS } from "@/lib/server/security-headers";

function isPage(pathname: string): boolean {
  // Files at the root (icon.svg) are static; /hostnames/app.example.com is a page despite its dot.
  return !routeFor(pathname) && !pathname.startsWith("/api/") && !pathname.startsWith("/_next/") && !/^\/[^/]+\.(svg|ico|png|txt|xml|webmanifest)$/i.test(pathname);
}

export function proxy(request: NextRequest) {
  if (!isPage(request.nextUrl.pathname)) {
    const res = NextResponse.next();
    for (const [k, v] of Object.entries(API_SECURITY_HEADERS)) res.headers.set(k, v);
    return res;
  }
  const nonce = newNonce();
  const policy = pagePolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", policy);
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) res.headers.set(k, v);
  return res;
}
