// The settings that run the server in snapshot mode on the seed example, with nothing written
// to disk and no public DNS: what in-process server tests start from.

import path from "node:path";

export const SEED_DIR = path.resolve(__dirname, "../../examples/seed");

export function seedSnapshotEnv(): Record<string, string> {
  return {
    DNSDRIFT_MODE: "snapshot",
    DNSDRIFT_SNAPSHOT_MANIFESTS: path.join(SEED_DIR, "manifests"),
    DNSDRIFT_SNAPSHOT_RECORDS: path.join(SEED_DIR, "records.json"),
    DNSDRIFT_EXTERNALDNS_CONFIG: path.join(SEED_DIR, "values.yaml"),
    DNSDRIFT_AUTH_MODE: "none",
    DNSDRIFT_DOH: "off",
    DNSDRIFT_AUDIT_DB: ":memory:",
    DNSDRIFT_HISTORY_DB: ":memory:",
  };
}
