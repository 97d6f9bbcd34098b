// Turns every refresh into history: snapshot each external-dns instance's result, diff it with
// the previous snapshot (read from the database when the new one differs), attribute the
// transitions, store them, and hand the new entries on (webhook, metrics). Refreshes from
// partial or stale data are skipped: a zone that failed to load is not a zone whose records all
// went away. One refresh is processed at a time, in order.

import crypto from "node:crypto";
import { diffSnapshots, type Transition } from "../../drift/history/diff";
import { historySnapshotSteps, resourceOf, type HistorySnapshot } from "../../drift/history/snapshot";
import type { RecordView } from "../../api/types";
import type { KubeObject } from "../../externaldns/types";
import type { Computed } from "../world";
import { attribute, type AttributionSources } from "./attribute";
import type { HistoryEntry, HistoryStore } from "./store";
import { appendAll } from "../../externaldns/append";

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface RecorderOptions {
  store: HistoryStore;
  /** Attribution sources for one computation (the objects come from it). */
  sources?: (c: Computed) => Omit<AttributionSources, "object">;
  /** The computation's record rows of an instance, when they are built already (the page views). */
  rows?: (c: Computed, instance: string) => RecordView[] | undefined;
  /** The latest DoH verdict of a hostname for an instance, when one has been looked up. */
  doh?: (instance: string, hostname: string) => string | undefined;
  onEntries?: (entries: HistoryEntry[]) => void | Promise<void>;
  /** Resolves when a computation's pass may start; by default, once the event loop comes round. */
  settle?: () => Promise<void>;
  /** Resolves when the pass may take its next step; by default, once the event loop comes round. */
  pause?: () => Promise<void>;
  log?: (msg: string) => void;
}

function objectIndex(c: Computed): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  for (const { result } of c.instances) {
    const o = result.objects;
    for (const obj of [...o.gateways, ...o.routes, ...o.ingresses, ...o.dnsEndpoints, ...o.listenerSets]) out.set(resourceOf(obj), obj);
  }
  return out;
}

/**
 * What tells a snapshot worth storing from the last one: a digest of what it serialises to (items
 * and objects, in order), kept in memory instead of the snapshot or its JSON (15 and 27 MB at
 * 20,000 records).
 */
export function snapshotDigest(snapshot: Pick<HistorySnapshot, "items" | "objects">): string {
  const hash = crypto.createHash("sha256");
  for (const part of [snapshot.items, snapshot.objects]) {
    hash.update("{");
    for (const [k, v] of Object.entries(part)) hash.update(`${JSON.stringify(k)}:${JSON.stringify(v)},`);
    hash.update("}");
  }
  return hash.digest("base64");
}

interface Prepared {
  snapshot: HistorySnapshot;
  digest: string;
  before?: HistorySnapshot;
  changed: boolean;
  transitions: Transition[];
}

export class HistoryRecorder {
  /**
   * Per instance, the digest of the snapshot the database holds. The snapshot itself is not kept
   * in memory (~15 MB at 20,000 records, held between refreshes for nothing while nothing changes):
   * an unchanged snapshot has no transitions, and a changed one reads the previous from the store.
   */
  private readonly stored = new Map<string, string>();
  private chain: Promise<void> = Promise.resolve();
  private readonly log: (msg: string) => void;

  constructor(private readonly opts: RecorderOptions) {
    this.log = opts.log ?? ((m) => console.warn(m));
  }

  /**
   * Queues one computation; the returned promise settles when it is stored. The work waits for
   * `settle` first (at least one turn of the event loop), so the requests that came with the
   * computation are answered before the snapshot (seconds of work at 20,000 records) is taken.
   */
  observe(c: Computed): Promise<void> {
    if (!c.complete) return this.chain;
    const settle = this.opts.settle ?? yieldToLoop;
    this.chain = this.chain
      .then(settle)
      .then(() => this.process(c))
      .catch((e: Error) => this.log(`dnsdrift: history not recorded: ${e.message}`));
    return this.chain;
  }

  /** Takes each instance's snapshot a step at a time: at 20,000 records one is over a second of work. */
  private async process(c: Computed): Promise<void> {
    const pause = this.opts.pause ?? yieldToLoop;
    const prepared: Prepared[] = [];
    for (const { instance, result } of c.instances) {
      const doh = this.opts.doh;
      const steps = historySnapshotSteps(instance.id, c.generatedAt, result, doh ? (host) => doh(instance.id, host) : undefined, this.opts.rows?.(c, instance.id));
      let r = steps.next();
      while (!r.done) {
        await pause();
        r = steps.next();
      }
      const snapshot = r.value;
      await pause();
      const digest = snapshotDigest(snapshot);
      let known = this.stored.get(instance.id);
      let before: HistorySnapshot | undefined;
      if (known === undefined) {
        // First pass of this process: compare with what the database kept from the last run.
        before = this.opts.store.lastSnapshot(instance.id);
        known = before ? snapshotDigest(before) : undefined;
      }
      if (known === digest) {
        prepared.push({ snapshot, digest, changed: false, transitions: [] });
        continue;
      }
      before ??= this.opts.store.lastSnapshot(instance.id);
      await pause();
      prepared.push({ snapshot, digest, before, changed: true, transitions: diffSnapshots(before, snapshot) });
      await pause();
    }
    return this.store(c, prepared);
  }

  /** Resolves once everything observed so far is stored. */
  idle(): Promise<void> {
    return this.chain;
  }

  private async store(c: Computed, prepared: Prepared[]): Promise<void> {
    const objects = objectIndex(c);
    const src: AttributionSources = { ...(this.opts.sources?.(c) ?? {}), object: (r) => objects.get(r) };
    const all: HistoryEntry[] = [];
    for (const p of prepared) {
      if (!p.changed) {
        this.stored.set(p.snapshot.instance, p.digest);
        continue;
      }
      if (p.transitions.length) await attribute(p.transitions, src, p.before?.at);
      appendAll(all, this.opts.store.record(p.snapshot, p.transitions, true));
      // Only once it is in the database: after a failed write the next pass compares with the
      // snapshot that is, and finds this pass's transitions again.
      this.stored.set(p.snapshot.instance, p.digest);
    }
    if (all.length && this.opts.onEntries) await this.opts.onEntries(all);
  }
}
