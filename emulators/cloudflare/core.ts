// The emulator's state, independent of HTTP: the store, the seed it resets to, the token
// table, faults, the optional rate limiter and the request counters.

import { AuditLog, type SeedAuditEntry } from "./audit-logs";
import { Faults } from "./faults";
import { RateLimiter } from "./ratelimit";
import type { RateLimitConfig } from "./ratelimit";
import { Stats } from "./stats";
import { Store } from "./store";
import type { SeedDoc, TokenTable } from "./types";

export interface CoreOptions {
  seed?: SeedDoc;
  /** Absent: any well-formed token is accepted with read and edit. */
  tokens?: TokenTable;
  /** Account-wide request budget; absent = unlimited. */
  rateLimit?: RateLimitConfig;
  /** 81058 "An identical record already exists." (default) or the older 81057. */
  duplicateCode?: 81057 | 81058;
  /** Largest dns_records `per_page` honoured; the schema allows 5,000,000. */
  recordsPerPageMax?: number;
  /** Account audit log entries for edits made before the emulator started. */
  auditLogs?: SeedAuditEntry[];
}

export class EmulatorCore {
  readonly store: Store;
  readonly faults = new Faults();
  readonly stats = new Stats();
  readonly audit = new AuditLog();
  readonly tokens: TokenTable | undefined;
  readonly recordsPerPageMax: number;
  limiter: RateLimiter | undefined;
  private baseline: SeedDoc;

  constructor(readonly options: CoreOptions = {}) {
    this.baseline = structuredClone(options.seed ?? { zones: [] });
    this.store = new Store(this.baseline, { duplicateCode: options.duplicateCode });
    this.tokens = options.tokens;
    this.recordsPerPageMax = options.recordsPerPageMax ?? 5_000_000;
    this.limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
    this.audit.seed(options.auditLogs ?? [], this.store.zones.values());
  }

  /** Replaces the state and makes `doc` the state that reset() returns to. */
  seed(doc: SeedDoc): void {
    this.store.load(doc);
    this.baseline = structuredClone(doc);
  }

  /** Back to the seed; faults, counters and the rate-limit window are cleared too. */
  reset(): void {
    this.store.load(this.baseline);
    this.audit.clear();
    this.audit.seed(this.options.auditLogs ?? [], this.store.zones.values());
    this.faults.clear();
    this.stats.reset();
    if (this.options.rateLimit) this.limiter = new RateLimiter(this.options.rateLimit);
  }
}
