// The reader as external-dns's own settings describe it: token from CF_API_TOKEN (or its file
// forms), API base URL from CF_API_BASE_URL, zones chosen by the instance's domain and zone-id
// filters.

import { makeDomainFilter } from "../externaldns/domain-filter";
import type { Config } from "../externaldns/types";
import type { CloudflareReader } from "../server/ports";
import { createCloudflareReader } from "./reader";
import type { CloudflareReaderOptions } from "./reader";
import { resolveCloudflareBaseURL, resolveCloudflareToken } from "./token";

/** Undefined when no token is configured; throws TokenConfigError when a token file is unusable. */
export function cloudflareReaderFromEnv(
  config: Config,
  env: Record<string, string | undefined>,
  extra: Partial<CloudflareReaderOptions> = {},
): CloudflareReader | undefined {
  const token = resolveCloudflareToken(env);
  if (!token) return undefined;
  return createCloudflareReader({
    token,
    baseURL: resolveCloudflareBaseURL(extra.baseURL, env),
    zoneFilter: makeDomainFilter(config).match,
    zoneIdFilters: config.zoneIdFilters,
    ...extra,
  });
}
