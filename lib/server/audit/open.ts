// The runtime's audit store: one open handle per database file, opened on first use (an
// unreadable file then fails the request that needs it, not the server's start) and reopened
// after close().

import { auditDbFromEnv } from "../settings";
import { AuditStore } from "./store";

export class AuditStores {
  private readonly stores = new Map<string, AuditStore>();

  constructor(private readonly defaultFile: string = auditDbFromEnv()) {}

  /** The open store for `file` (default: the runtime's), opened on first use or after close(). */
  open(file: string = this.defaultFile): AuditStore {
    const existing = this.stores.get(file);
    if (existing?.isOpen) return existing;
    const store = AuditStore.open(file);
    this.stores.set(file, store);
    return store;
  }

  close(): void {
    for (const s of this.stores.values()) if (s.isOpen) s.close();
    this.stores.clear();
  }
}
