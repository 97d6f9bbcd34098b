import { describe, expect, it } from "vitest";
import { confirmationFor, revertsFor, rulesFromPlan, type ConfirmationRule, type SafetyRules } from "./safety";
import { parseProtectedNames, protectedNameMatcher } from "./protected-names";
import type { RecordChange } from "../externaldns/types";

const c = (action: RecordChange["action"], name: string, extra: Partial<RecordChange> = {}): RecordChange => ({
  action,
  zone: name.endsWith("example.org") ? "example.org" : "example.com",
  name,
  type: "CNAME",
  content: "external.example.com",
  ...extra,
});
const many = (n: number, action: RecordChange["action"], zone = "example.com") => Array.from({ length: n }, (_, i) => c(action, `r${i}.${zone}`));
const txtOf = (action: RecordChange["action"], name: string) => c(action, `k8s.cname-${name}`, { type: "TXT", ownershipOf: name });

const rules = (patterns: string[] = [], changeShare = 0.3, minOwned = 10): SafetyRules => ({
  changeShare,
  minOwned,
  protectedBy: protectedNameMatcher(parseProtectedNames(patterns.join(","))),
});

type Trigger = [ConfirmationRule, string, number[]];
const triggersOf = (changes: RecordChange[], owned: Record<string, number>, r: SafetyRules) =>
  confirmationFor(changes, owned, r).triggers.map((t): Trigger => [t.rule, t.zone, t.changes]);

describe("confirmationFor: what needs the typed confirmation", () => {
  it.each<[string, RecordChange[], Record<string, number>, string[], boolean, string, Trigger[]]>([
    ["a few creates and updates", [c("create", "a.example.com"), c("update", "b.example.com")], { "example.com": 20 }, [], false, "", []],
    ["any delete, however few", [c("delete", "old.example.com")], { "example.com": 20 }, [], true, "example.com", [["delete", "example.com", [0]]]],
    ["the TXT of a create is neither counted nor protected", [txtOf("create", "example.com")], {}, [], false, "", []],
    ["the zone apex", [c("create", "example.com", { type: "A" })], {}, [], true, "example.com", [["apex", "example.com", [0]]]],
    ["an MX record", [c("update", "mail.example.com", { type: "MX" })], {}, [], true, "example.com", [["delegation-or-mail", "example.com", [0]]]],
    ["an NS record", [c("create", "sub.example.com", { type: "NS" })], {}, [], true, "example.com", [["delegation-or-mail", "example.com", [0]]]],
    ["an exact protected name", [c("update", "login.example.com")], {}, ["login.example.com"], true, "example.com", [["protected-name", "example.com", [0]]]],
    ["a protected name, case and trailing dot aside", [c("update", "login.example.com")], {}, ["LOGIN.Example.com."], true, "example.com", [["protected-name", "example.com", [0]]]],
    ["*.zone covers names at any depth", [c("create", "a.b.example.org")], {}, ["*.example.org"], true, "example.org", [["protected-name", "example.org", [0]]]],
    ["*.zone does not cover the zone name's own records elsewhere", [c("create", "a.example.com")], {}, ["*.example.org"], false, "", []],
    ["a prefix glob", [c("create", "db-7.prod.example.com"), c("create", "web.prod.example.com")], {}, ["db-*.prod.example.com"], true, "example.com", [["protected-name", "example.com", [0]]]],
    ["a prefix glob is anchored", [c("create", "x.db-7.prod.example.com")], {}, ["db-*.prod.example.com"], false, "", []],
    ["alternatives", [c("update", "b.example.com")], {}, ["{a,b}.example.com"], true, "example.com", [["protected-name", "example.com", [0]]]],
    [
      "only the zones concerned form the phrase",
      [c("delete", "x.example.org"), c("create", "y.example.com")],
      { "example.com": 50, "example.org": 50 },
      [],
      true,
      "example.org",
      [["delete", "example.org", [0]]],
    ],
    [
      "several zones, sorted",
      [c("update", "login.example.org"), c("delete", "x.example.com")],
      {},
      ["login.example.org"],
      true,
      "example.com, example.org",
      [["delete", "example.com", [1]], ["protected-name", "example.org", [0]]],
    ],
  ])("%s", (_, changes, owned, patterns, required, phrase, triggers) => {
    const r = confirmationFor(changes, owned, rules(patterns));
    expect({ required: r.required, phrase: r.phrase }).toEqual({ required, phrase });
    expect(triggersOf(changes, owned, rules(patterns))).toEqual(triggers);
  });
});

describe("confirmationFor: the change-share threshold counts creates, updates and deletes", () => {
  const share = (changes: RecordChange[], owned: number, r = rules()) =>
    triggersOf(changes, { "example.com": owned }, r).filter(([rule]) => rule === "change-share");

  it.each<[string, RecordChange[], number, boolean]>([
    ["3 creates of 10 owned: at the threshold, not over", many(3, "create"), 10, false],
    ["4 creates of 10 owned: over 30 %", many(4, "create"), 10, true],
    ["4 updates of 10 owned", many(4, "update"), 10, true],
    ["2 creates + 2 updates of 10 owned", [...many(2, "create"), ...many(2, "update").map((x) => ({ ...x, name: `u${x.name}` }))], 10, true],
    ["rewriting every record of 100 owned", many(100, "update"), 100, true],
    ["30 updates of 100 owned", many(30, "update"), 100, false],
    ["9 owned is under the minimum: any share passes", many(9, "update"), 9, false],
    ["ownership TXTs are not counted", [...many(3, "create"), ...many(3, "create").map((x) => txtOf("create", x.name))], 10, false],
  ])("%s", (_, changes, owned, over) => {
    const hit = share(changes, owned);
    expect(hit.length > 0).toBe(over);
    if (over) expect(hit[0][2]).toEqual(changes.map((x, i) => [x, i] as const).filter(([x]) => !x.ownershipOf).map(([, i]) => i));
  });

  it("counts per zone: a busy zone does not drag a quiet one into the phrase", () => {
    const changes = [...many(5, "create", "example.com"), ...many(1, "create", "example.org")];
    const r = confirmationFor(changes, { "example.com": 10, "example.org": 10 }, rules());
    expect(r).toMatchObject({ required: true, phrase: "example.com" });
  });

  it.each<[string, number, number, number, number, boolean]>([
    ["share 50 %: 5 of 10 passes", 0.5, 10, 5, 10, false],
    ["share 50 %: 6 of 10 needs it", 0.5, 10, 6, 10, true],
    ["min owned 3: 2 of 3 needs it", 0.3, 3, 2, 3, true],
    ["min owned 20: 10 of 19 passes", 0.3, 20, 10, 19, false],
    ["share 0: any change in a zone over the minimum", 0, 1, 1, 1, true],
  ])("configurable: %s", (_, changeShare, minOwned, n, owned, required) => {
    const r = confirmationFor(many(n, "update"), { "example.com": owned }, rules([], changeShare, minOwned));
    expect(r.required).toBe(required);
    if (required) expect(r.triggers.map((t) => t.rule)).toEqual(["change-share"]);
  });

  it("the browser's rules from a plan response decide exactly as the server's", () => {
    const changes = [c("update", "db-1.prod.example.com"), ...many(3, "create")];
    const server = rules(["db-*.prod.example.com"], 0.3, 10);
    const fromPlan = rulesFromPlan({ changeShare: 0.3, minOwned: 10, protectedNames: { "db-1.prod.example.com": "db-*.prod.example.com" } });
    expect(confirmationFor(changes, { "example.com": 10 }, fromPlan)).toEqual(confirmationFor(changes, { "example.com": 10 }, server));
  });
});

describe("protected name patterns", () => {
  it.each([["a b.example.com"], ["a/b"], ["!x.example.com"]])("refuses %j", (p) => {
    expect(() => parseProtectedNames(p)).toThrow(p.trim());
  });
  it("ignores empty entries and duplicates", () => {
    expect(parseProtectedNames(" example.com, ,EXAMPLE.com., *.example.org ")).toEqual(["example.com", "*.example.org"]);
  });
});

describe("revertsFor", () => {
  it("warns on updates of data records only", () => {
    const changes = [
      c("create", "a.example.com"),
      c("update", "app.example.com", { proxied: true, ttl: 1, previous: { content: "external.example.com", proxied: false, ttl: 1 } }),
      c("update", "k8s.app.example.com", { type: "TXT", ownershipOf: "app.example.com", previous: { content: "x" } }),
    ];
    const r = revertsFor(changes);
    expect(r).toHaveLength(1);
    expect(r[0].index).toBe(1);
    expect(r[0].message).toContain("proxied false → true");
  });
});
