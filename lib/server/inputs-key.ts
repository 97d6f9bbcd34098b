// What a computation was made from, as one string: the cluster snapshot, by identity (the reader
// hands out the same snapshot until something in it changes), and the zones' records, by content
// (every refresh lists them anew, in new arrays, even when nothing changed). Work that depends on
// nothing else (the what-if, the overview's upgrade check) is kept across refreshes that change
// neither.

import crypto from "node:crypto";
import { ITEMS_PER_STEP, type Steps } from "../externaldns/steps";
import type { CloudflareRecord, CloudflareZone, ClusterObjects } from "../externaldns/types";
import { runPaced } from "./paced";
import type { Computed } from "./world";

const snapshotIds = new WeakMap<ClusterObjects, number>();
let nextSnapshotId = 1;
const recordDigests = new WeakMap<CloudflareRecord[], string>();
const keys = new WeakMap<Computed, Promise<string>>();

function* zonesDigest(zones: CloudflareZone[]): Steps<string> {
  const parts: string[] = [];
  for (const z of zones) {
    let digest = recordDigests.get(z.records);
    if (!digest) {
      const hash = crypto.createHash("sha1");
      for (let i = 0; i < z.records.length; i++) {
        hash.update(JSON.stringify(z.records[i]));
        hash.update("\n");
        if (i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
      }
      recordDigests.set(z.records, (digest = hash.digest("base64")));
    }
    parts.push(`${z.id}/${z.name}/${digest}`);
  }
  return parts.join(",");
}

/** The key of the computation's inputs, and whether they were complete (made once per computation). */
export function inputsKey(c: Computed): Promise<string> {
  let key = keys.get(c);
  if (!key) {
    let id = snapshotIds.get(c.objects);
    if (id === undefined) snapshotIds.set(c.objects, (id = nextSnapshotId++));
    const snapshot = id;
    key = runPaced(zonesDigest(c.zones)).then((zones) => `${snapshot}|${c.complete}|${zones}`);
    keys.set(c, key);
  }
  return key;
}
