// Credentials and token permissions (BEHAVIOUR.md §6). A token maps to
// permissions: "read" = Zone Read + DNS Read, "edit" = DNS Write (which includes reading).
// Without a token table every well-formed token is accepted with both permissions.

import type { IncomingHttpHeaders } from "node:http";
import { err } from "./errors";
import { stableId } from "./names";
import type { Permission, StoredZone, TokenSpec, TokenTable } from "./types";

export interface Principal {
  tokenId: string;
  spec: TokenSpec;
}

const BEARER = /^Bearer ([\x21-\x7e]+)$/;

function lookup(secret: string, tokens: TokenTable | undefined): Principal | undefined {
  if (!tokens) return { tokenId: stableId("token", secret), spec: { permissions: ["read", "edit"] } };
  const spec = tokens[secret];
  return spec ? { tokenId: spec.id ?? stableId("token", secret), spec } : undefined;
}

/** Resolves the caller or throws the API's authentication error. `verify` is /user/tokens/verify. */
export function authenticate(headers: IncomingHttpHeaders, tokens: TokenTable | undefined, verify: boolean): Principal {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const m = BEARER.exec(authorization.trim());
    if (!m) throw err.badAuthHeader();
    const principal = lookup(m[1], tokens);
    if (!principal) throw err.invalidToken();
    if (!verify && (principal.spec.status ?? "active") !== "active") throw err.invalidToken();
    return principal;
  }
  const key = headers["x-auth-key"];
  if (typeof key === "string" && key !== "") {
    if (verify) throw err.missingAuthHeader();
    const principal = lookup(key, tokens);
    if (!principal || typeof headers["x-auth-email"] !== "string") throw err.unknownKey();
    return principal;
  }
  throw verify ? err.missingAuthHeader() : err.missingAuth();
}

export function canSeeZone(p: Principal, zone: StoredZone): boolean {
  const scope = p.spec.zones;
  return !scope || scope.includes(zone.id) || scope.includes(zone.name);
}

function has(p: Principal, need: Permission): boolean {
  return need === "read" ? p.spec.permissions.length > 0 : p.spec.permissions.includes("edit");
}

/** 403 10000 when the token lacks the permission or is not scoped to the zone. */
export function requirePermission(p: Principal, need: Permission, zone?: StoredZone): void {
  if (!has(p, need) || (zone && !canSeeZone(p, zone))) throw err.authError();
}

export function permissionTags(p: Principal): string[] {
  const tags = has(p, "read") ? ["#zone:read", "#dns_records:read"] : [];
  return has(p, "edit") ? [...tags, "#dns_records:edit"] : tags;
}
