// Shared shapes of the Cloudflare emulator: the seed document (the CLI contract's `--records`
// format), the stored zone and record, and the token table.

export type Plan = "free" | "pro" | "business" | "enterprise";
export type ZoneStatus = "initializing" | "pending" | "active" | "moved";
export type ZoneType = "full" | "partial" | "secondary" | "internal";

export interface SeedRecord {
  id?: string;
  type: string;
  name: string;
  content?: string;
  proxied?: boolean;
  ttl?: number;
  comment?: string | null;
  tags?: string[];
  priority?: number;
  data?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  created_on?: string;
  modified_on?: string;
  [extra: string]: unknown;
}

export interface SeedZone {
  id?: string;
  name: string;
  status?: ZoneStatus;
  type?: ZoneType;
  plan?: Plan;
  account?: { id?: string; name?: string };
  records?: SeedRecord[];
}

export interface SeedDoc {
  zones: SeedZone[];
}

/** A record as kept in memory. Objects are replaced, never mutated, so a shallow map copy is a snapshot. */
export interface StoredRecord {
  id: string;
  type: string;
  name: string;
  content: string;
  proxied: boolean;
  ttl: number;
  settings: Record<string, unknown>;
  comment: string | null;
  tags: string[];
  priority?: number;
  data?: Record<string, unknown>;
  private_routing?: boolean;
  created_on: string;
  modified_on: string;
  comment_modified_on?: string;
  tags_modified_on?: string;
}

export interface StoredZone {
  id: string;
  name: string;
  status: ZoneStatus;
  type: ZoneType;
  plan: Plan;
  account: { id: string; name: string };
  created_on: string;
  /** Insertion-ordered, keyed by record id. */
  records: Map<string, StoredRecord>;
}

/** "audit" = Account: Audit Logs Read (GET /accounts/{id}/audit_logs). */
export type Permission = "read" | "edit" | "audit";

export interface TokenSpec {
  permissions: Permission[];
  /** Zone ids or names the token may touch; absent = all zones. */
  zones?: string[];
  status?: "active" | "disabled" | "expired";
  /** Token id reported by /user/tokens/verify; derived from the token when absent. */
  id?: string;
  /** Who the account audit log names for this token's writes, and through what. */
  actor?: { email: string; id?: string; ip?: string };
  /** "API" (default) or "UI", as if the writes came from the dashboard. */
  interface?: "API" | "UI";
}

export type TokenTable = Record<string, TokenSpec>;
