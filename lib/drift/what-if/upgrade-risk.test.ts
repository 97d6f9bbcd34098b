import { describe, expect, it } from "vitest";
import type { RecordChange } from "../../externaldns/types";
import fs from "node:fs";
import path from "node:path";
import { loadRecordsFile } from "../../cloudflare/records-file";
import { runSteps } from "../../externaldns/steps";
import { loadManifests } from "../../kube/snapshot";
import { runPipeline } from "../pipeline";
import { withholdUncertain } from "../withhold";
import { currentConfig, nextConfig } from "./config-source";
import { upgradeRiskOf, upgradeRiskSteps, type UpgradeRisk } from "./upgrade-risk";

const change = (action: RecordChange["action"], name: string, content: string, extra: Partial<RecordChange> = {}): RecordChange => ({
  action,
  zone: "example.com",
  name,
  type: "CNAME",
  content,
  ...extra,
});

const nothing: UpgradeRisk = { deleted: [], repointed: [] };

describe("upgradeRiskOf: what the overview warns about before an upgrade", () => {
  it.each<[string, RecordChange[], RecordChange[], UpgradeRisk]>([
    ["nothing when the next plan only creates", [], [change("create", "new.example.com", "lb")], nothing],
    ["a delete that is not recreated is deleted", [], [change("delete", "old.example.com", "lb")], { deleted: ["old.example.com"], repointed: [] }],
    [
      "a delete with a create of the same name (a type change) is repointed",
      [],
      [change("delete", "api.example.com", "lb"), change("create", "api.example.com", "10.0.0.1", { type: "A" })],
      { deleted: [], repointed: ["api.example.com"] },
    ],
    [
      "content updates are repointed; proxied or TTL updates alone are not",
      [],
      [change("update", "b.example.com", "new-lb", { previous: { content: "old-lb" } }), change("update", "a.example.com", "lb", { previous: { content: "lb", proxied: false }, proxied: true })],
      { deleted: [], repointed: ["b.example.com"] },
    ],
    [
      "ownership TXT changes are left out; names are sorted and counted once",
      [],
      [
        change("delete", "z.example.com", "lb"),
        change("delete", "z.example.com", "lb2"),
        change("delete", "a.example.com", "lb"),
        change("delete", "cname-q.example.com", '"heritage=external-dns"', { type: "TXT", ownershipOf: "q.example.com" }),
      ],
      { deleted: ["a.example.com", "z.example.com"], repointed: [] },
    ],
    [
      "a delete today's plan makes as well is not the upgrade's doing",
      [change("delete", "old.example.com", "lb")],
      [change("delete", "old.example.com", "lb"), change("delete", "other.example.com", "lb")],
      { deleted: ["other.example.com"], repointed: [] },
    ],
    [
      "the same name deleted today with other content is still the upgrade's",
      [change("delete", "old.example.com", "lb")],
      [change("delete", "old.example.com", "lb2")],
      { deleted: ["old.example.com"], repointed: [] },
    ],
  ])("%s", (_, current, next, want) => {
    expect(upgradeRiskOf(current, next)).toEqual(want);
  });
});

describe("upgradeRiskSteps on the seed (v0.20.0 → v0.22.0, prefix not pinned)", () => {
  const seed = path.join(__dirname, "../../../examples/seed");
  const source = { kind: "text" as const, text: fs.readFileSync(path.join(seed, "values.yaml"), "utf8"), file: "values.yaml" };
  const objects = loadManifests([path.join(seed, "manifests")]).objects;
  const zones = loadRecordsFile(path.join(seed, "records.json"));
  const config = currentConfig(source);
  const next = nextConfig(source, config, { toVersion: "v0.22.0" });
  const today = runPipeline({ config, objects, zones });
  // What the server holds when an input is stale: every change at a name with a delete withheld.
  const partialToday = withholdUncertain(today, [{ code: "partial-data", subject: "zone other.example", message: "stale", scope: "deletes" }]);

  it("names the CNAMEs the new release would replace by A records", () => {
    const risk = runSteps(upgradeRiskSteps({ current: today, next, objects, zones }));
    expect(risk.repointed).toEqual(["api.example.com", "app.example.com", "legacy.example.com"]);
  });

  it("with partial inputs still names them (both sides from the same inputs), and reports no deletes", () => {
    expect(partialToday.recordChanges.filter((c) => c.action === "delete")).toEqual([]);
    const risk = runSteps(upgradeRiskSteps({ current: partialToday, next, objects, zones, partial: true }));
    expect(risk).toEqual({ deleted: [], repointed: ["api.example.com", "app.example.com", "legacy.example.com"] });
  });

  it("with partial inputs, what today's plan does too is no risk, though partial data withholds it today", () => {
    // Today already on v0.22.0: its plan makes the replacements itself, and withholds them on partial data.
    const onNext = runPipeline({ config: next, objects, zones });
    const held = withholdUncertain(onNext, [{ code: "partial-data", subject: "zone other.example", message: "stale", scope: "deletes" }]);
    expect(held.blocked?.some((c) => c.name === "api.example.com")).toBe(true);
    expect(runSteps(upgradeRiskSteps({ current: held, next, objects, zones, partial: true }))).toEqual({ deleted: [], repointed: [] });
  });
});
