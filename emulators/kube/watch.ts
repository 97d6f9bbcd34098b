// Watch streams: newline-delimited JSON events that stay open until the client leaves,
// timeoutSeconds elapses or a test drops them. A watch from a resourceVersion older than the
// kept history gets an ERROR event carrying a 410 Status and then the stream ends — the
// client-node informer clears its resourceVersion on that event and relists when the stream ends.

import type { IncomingMessage, ServerResponse } from "node:http";
import { present } from "./present";
import { toTable } from "./table";
import { resourceKey, type ResourceDef } from "./resources";
import { matchesFields, matchesLabels, type FieldRequirement, type LabelRequirement } from "./selectors";
import { errors } from "./status";
import type { Change, KubeObject, ObjectStore } from "./store";

export interface WatchSpec {
  def: ResourceDef;
  version: string;
  namespace?: string;
  labels: LabelRequirement[];
  fields: FieldRequirement[];
  /** The query parameter as sent; undefined/""/"0" = start from the current state. */
  resourceVersion?: string;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  sendInitialEvents?: boolean;
  /** Table version when the client asked for Tables (`kubectl get -w`): each event is a one-row Table. */
  table?: string;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

class Watcher {
  private readonly timers: NodeJS.Timeout[] = [];
  closed = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly spec: WatchSpec,
    private readonly store: ObjectStore,
    private readonly onClose: (w: Watcher) => void,
  ) {}

  get key(): string {
    return resourceKey(this.spec.def);
  }

  private matches(o: KubeObject | undefined): boolean {
    if (!o) return false;
    if (this.spec.namespace !== undefined && o.metadata.namespace !== this.spec.namespace) return false;
    return matchesLabels(this.spec.labels, o.metadata.labels) && matchesFields(this.spec.fields, o);
  }

  send(type: WatchEventType, object: unknown): void {
    if (this.closed || this.res.writableEnded || this.res.destroyed) return;
    this.res.write(`${JSON.stringify({ type, object })}\n`);
  }

  private columnsSent = false;

  private sendObject(type: WatchEventType, o: KubeObject): void {
    const obj = present(o, this.spec.def, this.spec.version, false);
    if (!this.spec.table) return this.send(type, obj);
    const table = toTable(this.spec.def, [obj as KubeObject], { version: this.spec.table });
    // Like a real server, only the first event carries the column definitions.
    if (this.columnsSent) table.columnDefinitions = [];
    this.columnsSent = true;
    this.send(type, table);
  }

  /** A change seen through this watch's selectors: leaving the selection reads as DELETED. */
  onChange(c: Change): void {
    if (c.key !== this.key) return;
    const now = c.type !== "DELETED" && this.matches(c.object);
    const before = c.type !== "ADDED" && this.matches(c.previous);
    if (c.type === "DELETED") {
      if (before) this.sendObject("DELETED", c.object);
    } else if (now && before) {
      this.sendObject("MODIFIED", c.object);
    } else if (now) {
      this.sendObject("ADDED", c.object);
    } else if (before) {
      this.sendObject("DELETED", c.object);
    }
  }

  bookmark(initialEventsEnd = false): void {
    const metadata: Record<string, unknown> = { resourceVersion: String(this.store.resourceVersion) };
    if (initialEventsEnd) metadata.annotations = { "k8s.io/initial-events-end": "true" };
    const { def, version } = this.spec;
    this.send("BOOKMARK", { kind: def.kind, apiVersion: def.group ? `${def.group}/${version}` : version, metadata });
  }

  /** Sends what happened before the watch started; false when the stream had to end (410). */
  replay(): boolean {
    const { resourceVersion, sendInitialEvents, def, namespace } = this.spec;
    const fromCurrent = resourceVersion === undefined || resourceVersion === "" || resourceVersion === "0";
    if (fromCurrent || sendInitialEvents) {
      for (const o of this.store.list(def, namespace)) if (this.matches(o)) this.sendObject("ADDED", o);
      if (sendInitialEvents && this.spec.allowBookmarks) this.bookmark(true);
      return true;
    }
    const from = Number(resourceVersion);
    const changes = this.store.changesSince(from, this.key);
    if (changes === "expired") {
      const status = errors.expired(`too old resource version: ${from} (${this.store.compactedRv})`).toStatus();
      this.send("ERROR", status);
      this.end();
      return false;
    }
    for (const c of changes) this.onChange(c);
    return true;
  }

  startTimers(bookmarkIntervalMs: number): void {
    if (this.spec.allowBookmarks && bookmarkIntervalMs > 0) {
      this.timers.push(setInterval(() => this.bookmark(), bookmarkIntervalMs));
    }
    const timeout = this.spec.timeoutSeconds;
    if (timeout && timeout > 0) this.timers.push(setTimeout(() => this.end(), timeout * 1000));
  }

  end(): void {
    if (this.closed) return;
    this.cleanup();
    if (!this.res.writableEnded) this.res.end();
  }

  destroy(): void {
    if (this.closed) return;
    this.cleanup();
    this.res.destroy();
    this.res.socket?.destroy();
  }

  cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.onClose(this);
  }
}

export interface WatchStats {
  open: number;
  opened: number;
  dropped: number;
  expired: number;
}

export class WatchHub {
  private readonly watchers = new Set<Watcher>();
  private readonly counters = { opened: 0, dropped: 0, expired: 0 };
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly bookmarkIntervalMs: number,
  ) {
    this.unsubscribe = store.subscribe((c) => {
      for (const w of [...this.watchers]) w.onChange(c);
    });
  }

  open(req: IncomingMessage, res: ServerResponse, spec: WatchSpec): void {
    this.counters.opened++;
    req.socket.setTimeout(0);
    res.writeHead(200, {
      "Content-Type": "application/json",
      "Cache-Control": "no-cache, private",
      "Transfer-Encoding": "chunked",
    });
    res.flushHeaders();
    const watcher = new Watcher(res, spec, this.store, (w) => this.watchers.delete(w));
    res.on("close", () => watcher.cleanup());
    // Replay and registration happen in the same tick, so no change can fall between them.
    if (!watcher.replay()) {
      this.counters.expired++;
      return;
    }
    this.watchers.add(watcher);
    watcher.startTimers(this.bookmarkIntervalMs);
  }

  /** Ends every open stream: cleanly (client sees a normal end) or by destroying the socket. */
  dropAll(abrupt = false): number {
    const all = [...this.watchers];
    for (const w of all) {
      if (abrupt) w.destroy();
      else w.end();
    }
    this.counters.dropped += all.length;
    return all.length;
  }

  stats(): WatchStats {
    return { open: this.watchers.size, ...this.counters };
  }

  close(): void {
    this.unsubscribe();
    for (const w of [...this.watchers]) w.destroy();
  }
}
