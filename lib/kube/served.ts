// Which version of a CRD-backed kind the cluster serves, from the discovery documents
// (/apis/<group>/<version>): Gateway API installs that only serve v1beta1, a TLSRoute CRD
// still at v1alpha2, or a CRD that is not installed at all (no version served).

import type { CustomObjectsApi } from "@kubernetes/client-node";
import { classifyKubeError } from "./errors";

interface Entry {
  at: number;
  plurals: Promise<Set<string> | undefined>;
}

export class ServedResources {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly custom: CustomObjectsApi,
    /** Kinds starting together share one discovery call per group/version within this window. */
    private readonly ttlMs = 2000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Plurals served at group/version; undefined when the group/version is not served (404). */
  private plurals(group: string, version: string): Promise<Set<string> | undefined> {
    const key = `${group}/${version}`;
    const hit = this.cache.get(key);
    if (hit && this.clock() - hit.at < this.ttlMs) return hit.plurals;
    const plurals = this.custom.getAPIResources({ group, version }).then(
      (list) => new Set((list.resources ?? []).map((r) => r.name)),
      (err: unknown) => {
        if (classifyKubeError(err).httpStatus === 404) return undefined;
        this.cache.delete(key);
        throw err;
      },
    );
    this.cache.set(key, { at: this.clock(), plurals });
    return plurals;
  }

  /** The first of `versions` at which `plural` is served, or undefined when none is. Throws on API errors. */
  async servedVersion(spec: { group: string; plural: string; versions: string[] }): Promise<string | undefined> {
    return (await this.servedVersions(spec))[0];
  }

  /**
   * Every one of `versions` at which `plural` is served, in the order given. external-dns reads a
   * route kind at one fixed version per release, so which of them are served decides whether it can.
   */
  async servedVersions(spec: { group: string; plural: string; versions: string[] }): Promise<string[]> {
    const out: string[] = [];
    for (const version of spec.versions) {
      const plurals = await this.plurals(spec.group, version);
      if (plurals?.has(spec.plural)) out.push(version);
    }
    return out;
  }

  forget(): void {
    this.cache.clear();
  }
}
