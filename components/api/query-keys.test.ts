import { hashKey, QueryClient, type QueryKey } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { queryKeys, refetchAfterRefresh } from "./query-keys";

// One sample key per builder, with the endpoint root it must start with.
const SAMPLES: [keyof typeof queryKeys, QueryKey, string][] = [
  ["summary", queryKeys.summary(), "summary"],
  ["state", queryKeys.state(), "state"],
  ["session", queryKeys.session(), "session"],
  ["hostnameSearch", queryKeys.hostnameSearch("prod", "gra"), "hostnames"],
  ["hostname", queryKeys.hostname("prod", "app.example.com"), "hostname"],
  ["explain", queryKeys.explain("prod", "app.example.com"), "explain"],
  ["lookup", queryKeys.lookup("app.example.com"), "lookup"],
  ["history", queryKeys.history("app.example.com"), "history"],
  ["activity", queryKeys.activity("app.example.com", "2026-01-01T00:00:00.000Z"), "activity"],
  ["audit", queryKeys.audit(), "audit"],
  ["plan", queryKeys.plan("prod"), "plan"],
  ["records", queryKeys.records("prod", "?state=unowned", 2), "records"],
  ["gateways", queryKeys.gateways("prod"), "gateways"],
  ["routes", queryKeys.routes("prod", "networking/envoy-external"), "routes"],
  ["route", queryKeys.route("prod", "httproute/default/web"), "route"],
  ["objects", queryKeys.objects("prod", "ingresses"), "objects"],
  ["whatIf", queryKeys.whatIf("prod", "v0.22.0", ["--txt-prefix=x"]), "what-if"],
  ["whatIfOutline", queryKeys.whatIfOutline("prod", "v0.22.0", ["--txt-prefix=x"]), "what-if-outline"],
  ["whatIfChanges", queryKeys.whatIfChanges("prod", "v0.22.0", ["--txt-prefix=x"], "differences", "delete"), "what-if-changes"],
  ["upgradeRisk", queryKeys.upgradeRisk("prod", "v0.22.0"), "upgrade-risk"],
];

describe("queryKeys", () => {
  it("has a sample here for every builder", () => {
    expect(SAMPLES.map(([name]) => name).sort()).toEqual(Object.keys(queryKeys).sort());
  });

  it.each(SAMPLES)("%s starts with its endpoint root %#", (_name, key, root) => {
    expect(key[0]).toBe(root);
  });

  it("gives every endpoint its own root, so invalidating one never touches another", () => {
    const roots = SAMPLES.map(([, key]) => key[0]);
    expect(new Set(roots).size).toBe(roots.length);
  });

  it("builds equal keys from equal arguments (the cache is shared across components)", () => {
    expect(hashKey(queryKeys.records("prod", "?q=app", 0))).toBe(hashKey(queryKeys.records("prod", "?q=app", 0)));
    expect(hashKey(queryKeys.whatIf(null, "v0.22.0", ["--a"]))).toBe(hashKey(queryKeys.whatIf(null, "v0.22.0", ["--a"])));
  });

  it("treats no instance as the default instance, one key either way", () => {
    expect(queryKeys.plan(null)).toEqual(queryKeys.plan(""));
    expect(queryKeys.hostname(null, "a.example.com")).toEqual(["hostname", "", "a.example.com"]);
  });

  it.each([
    ["instance", queryKeys.plan("a"), queryKeys.plan("b")],
    ["records page", queryKeys.records(null, "?q=app", 0), queryKeys.records(null, "?q=app", 1)],
    ["records filter", queryKeys.records(null, "?state=unowned", 0), queryKeys.records(null, "?state=orphaned", 0)],
    ["hostname", queryKeys.explain(null, "a.example.com"), queryKeys.explain(null, "b.example.com")],
    ["object kind", queryKeys.objects(null, "ingresses"), queryKeys.objects(null, "dnsendpoints")],
    ["activity since", queryKeys.activity("", ""), queryKeys.activity("", "2026-01-01T00:00:00.000Z")],
    // Spread arguments would make (version "", args ["v0.22.0"]) and (version "v0.22.0", no args) one key.
    ["what-if version vs argument", queryKeys.whatIf(null, null, ["v0.22.0"]), queryKeys.whatIf(null, "v0.22.0", [])],
    ["what-if argument order", queryKeys.whatIf(null, null, ["--a", "--b"]), queryKeys.whatIf(null, null, ["--b", "--a"])],
    ["what-if list", queryKeys.whatIfChanges(null, null, [], "differences", null), queryKeys.whatIfChanges(null, null, [], "vanishing", null)],
    ["what-if action", queryKeys.whatIfChanges(null, null, [], "differences", null), queryKeys.whatIfChanges(null, null, [], "differences", "delete")],
    ["what-if changes version vs argument", queryKeys.whatIfChanges(null, null, ["v0.22.0"], "differences", null), queryKeys.whatIfChanges(null, "v0.22.0", [], "differences", null)],
  ])("keeps different %s apart", (_what, a, b) => {
    expect(hashKey(a)).not.toBe(hashKey(b));
  });

  it("does not keep a reference to the caller's argument list", () => {
    const args = ["--a"];
    const key = queryKeys.whatIf(null, null, args);
    args.push("--b");
    expect(key[3]).toEqual(["--a"]);
  });

  it("invalidates one endpoint by its root, and a forced refresh re-reads all but the summary", async () => {
    const qc = new QueryClient();
    for (const [, key] of SAMPLES) qc.setQueryData(key, 1);
    await qc.invalidateQueries({ queryKey: [queryKeys.records(null, "", 0)[0]] });
    const invalid = () => qc.getQueryCache().getAll().filter((q) => q.state.isInvalidated).map((q) => q.queryKey[0]);
    expect(invalid()).toEqual(["records"]);
    await qc.invalidateQueries({ predicate: (q) => refetchAfterRefresh(q.queryKey) });
    expect(invalid().sort()).toEqual(SAMPLES.map(([, k]) => k[0] as string).filter((r) => r !== "summary").sort());
  });
});
