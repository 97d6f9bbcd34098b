// What a running dnsdrift server is made of: one object, created by the composition root
// (lib/server/compose.ts) when the server starts, and handed to every route handler by the
// accessor in lib/server/app-runtime.ts. Nothing here imports the modules that build it.

import type { ApplyContext } from "./apply-context";
import type { AuditStores } from "./audit/open";
import type { SessionRevocations } from "./auth/revocations";
import type { DohService } from "./doh";
import type { HistoryRuntime } from "./history/setup";
import type { Metrics } from "./metrics";
import type { Settings } from "./settings";
import type { ViewCache } from "./views";
import type { World } from "./world";

export interface Runtime {
  settings: Settings;
  world: World;
  startedAt: Date;
  /** Set once the first full computation has finished. */
  ready: boolean;
  /** The drift history (absent when its database cannot be opened). */
  history?: HistoryRuntime;
  /** Each computation's page views and serialised answers. */
  views: ViewCache;
  /** Public-DNS checks and their results. */
  doh: DohService;
  metrics: Metrics;
  audit: AuditStores;
  /** Sessions ended by logout. */
  revocations: SessionRevocations;
  /** What an apply needs (locks, Events, audit); built on the first apply, or put in by a test. */
  apply?: ApplyContext;
}
