import { describe, expect, it } from "vitest";
import type { RecordChange } from "../../externaldns/types";
import { upgradeRiskOf, type UpgradeRisk } from "./upgrade-risk";

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
