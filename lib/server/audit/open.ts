// The process's audit store: one open handle per database file, kept on globalThis so Next's
// module reloading in development does not open the same file twice.

import { auditDbFromEnv } from "../settings";
import { AuditStore } from "./store";

const KEY = Symbol.for("dnsdrift.auditStores");
type Holder = { [KEY]?: Map<string, AuditStore> };

/** The open store for `file` (default: from the environment), opened on first use or after close(). */
export function sharedAuditStore(file: string = auditDbFromEnv()): AuditStore {
  const holder = globalThis as Holder;
  const stores = (holder[KEY] ??= new Map());
  const existing = stores.get(file);
  if (existing?.isOpen) return existing;
  const store = AuditStore.open(file);
  stores.set(file, store);
  return store;
}
