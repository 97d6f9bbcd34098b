// The public resolvers the dashboard asks by default, and how a resolver given only as a URL
// (CLI --resolver) gets an id and a label.

import type { Resolver } from "./types";

export const DEFAULT_RESOLVERS: readonly Resolver[] = [
  { id: "cloudflare", url: "https://cloudflare-dns.com/dns-query", label: "Cloudflare (1.1.1.1)" },
  { id: "google", url: "https://dns.google/dns-query", label: "Google (8.8.8.8)" },
];

/** A resolver for a bare URL: the id is its host (plus port), unique within `taken`. */
export function resolverFromUrl(url: string, taken: Iterable<string> = []): Resolver {
  const known = DEFAULT_RESOLVERS.find((r) => r.url === url);
  let base: string;
  try {
    base = known?.id ?? new URL(url).host;
  } catch {
    base = url;
  }
  const used = new Set(taken);
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}#${i}`;
  return { id, url, label: known?.label ?? base };
}

export function resolverLabel(r: Resolver): string {
  return r.label ?? r.id;
}

/** Resolvers for `--resolver URL` arguments, validated; the error names the argument at fault. */
export function resolversFromUrls(urls: string[]): Resolver[] {
  const out: Resolver[] = [];
  for (const url of urls) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new Error(`--resolver ${url}: not a URL`);
    }
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error(`--resolver ${url}: must be an https:// (or http://) URL`);
    out.push(resolverFromUrl(url, out.map((r) => r.id)));
  }
  return out;
}
