// The emulator's state, independent of HTTP: the store, the seed it resets to, the token
// table, faults, the request budget and the request counters.

import { Faults } from "./faults";
import { DEFAULT_BUDGET, RateLimiter } from "./ratelimit";
import type { RateLimitConfig } from "./ratelimit";
import { EMBEDDED_EDGE_RANGES } from "../../lib/doh/cloudflare-edge";
import type { EdgeRanges } from "../../lib/doh/types";
import { Stats } from "./stats";
import { Store } from "./store";
import type { SeedDoc, TokenTable } from "./types";

export interface CoreOptions {
  seed?: SeedDoc;
  /** Absent: any well-formed token is accepted with read and edit. */
  tokens?: TokenTable;
  /**
   * Account-wide request budget, enforced with 429s. Absent: calls are still counted against
   * Cloudflare's own 1,200 per 5 minutes for the x-ratelimit-* headers, but never refused.
   */
  rateLimit?: RateLimitConfig;
  /** What GET /ips answers; default: the ranges dnsdrift ships with. */
  edgeRanges?: EdgeRanges;
  /** 81058 "An identical record already exists." (default) or the older 81057. */
  duplicateCode?: 81057 | 81058;
  /** Largest dns_records `per_page` honoured; the schema allows 5,000,000. */
  recordsPerPageMax?: number;
}

export class EmulatorCore {
  readonly store: Store;
  readonly faults = new Faults();
  readonly stats = new Stats();
  readonly tokens: TokenTable | undefined;
  readonly recordsPerPageMax: number;
  /** Counts every authenticated call; refuses past the limit only when `enforced`. */
  limiter: RateLimiter;
  readonly enforced: boolean;
  readonly edgeRanges: EdgeRanges;
  private baseline: SeedDoc;

  constructor(readonly options: CoreOptions = {}) {
    this.baseline = structuredClone(options.seed ?? { zones: [] });
    this.store = new Store(this.baseline, { duplicateCode: options.duplicateCode });
    this.tokens = options.tokens;
    this.recordsPerPageMax = options.recordsPerPageMax ?? 5_000_000;
    this.enforced = options.rateLimit !== undefined;
    this.limiter = new RateLimiter(options.rateLimit ?? DEFAULT_BUDGET);
    this.edgeRanges = options.edgeRanges ?? EMBEDDED_EDGE_RANGES;
  }

  /** Replaces the state and makes `doc` the state that reset() returns to. */
  seed(doc: SeedDoc): void {
    this.store.load(doc);
    this.baseline = structuredClone(doc);
  }

  /** Back to the seed; faults, counters and the rate-limit window are cleared too. */
  reset(): void {
    this.store.load(this.baseline);
    this.faults.clear();
    this.stats.reset();
    this.limiter = new RateLimiter(this.options.rateLimit ?? DEFAULT_BUDGET);
  }
}
