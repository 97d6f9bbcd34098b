// What GET /api/plan and GET /api/state carry when deletes are withheld: the plan's changes hold
// no delete, `blocked` lists them with the code and what is unknown, and the state's plan and
// warnings say the same. Built from the seed files through the World, as the server does.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRecordsFile } from "../cloudflare/records-file";
import { instanceState } from "../drift/state";
import { parseConfigText } from "../externaldns/config";
import { loadManifests } from "../kube/snapshot";
import { planResponseFor } from "./responses";
import { staticCloudflareReader, staticClusterReader } from "./static-readers";
import { World } from "./world";

const root = path.resolve(__dirname, "../..");
const { objects } = loadManifests([path.join(root, "examples/seed/manifests")]);
const zones = loadRecordsFile(path.join(root, "examples/seed/records.json"));

async function compute(valuesFile: string, complete = true) {
  const config = parseConfigText(fs.readFileSync(path.join(root, valuesFile), "utf8"), valuesFile);
  const cluster = staticClusterReader(objects, [{ id: "external-dns", origin: "snapshot", config }]);
  const reader = complete
    ? cluster
    : { ...cluster, snapshot: () => ({ ...cluster.snapshot(), complete: false, health: [{ ...cluster.snapshot().health[0], status: "stale" as const }] }) };
  const c = await new World({ cluster: reader, cloudflare: staticCloudflareReader(zones) }).current();
  return { c, ir: c.instances[0] };
}

describe("API answers with withheld deletes", () => {
  it("an unmodelled source: /api/plan has no delete and lists old.example.com under blocked", async () => {
    const { c, ir } = await compute("tests/scenarios/seed-unmodelled-source/values.yaml");
    const plan = planResponseFor(c, ir);
    expect(plan.changes.some((x) => x.action === "delete")).toBe(false);
    expect(plan.summary.delete).toBe(0);
    expect(plan.blocked?.map((b) => [b.name, b.blockedBy.map((w) => `${w.code} ${w.subject}`)])).toEqual([
      ["old.example.com", ["unmodelled-source --source=istio-gateway"]],
      ["k8s.cname-old.example.com", ["unmodelled-source --source=istio-gateway"]],
    ]);
    expect(plan.confirmation?.required).toBe(false);
  });

  it("an unmodelled source: /api/state's plan, warnings, record and hostname say so", async () => {
    const { ir } = await compute("tests/scenarios/seed-unmodelled-source/values.yaml");
    const st = instanceState(ir.instance.id, ir.instance.origin, ir.result);
    expect(st.plan.blocked).toHaveLength(2);
    expect(st.warnings).toContainEqual(expect.objectContaining({ code: "unmodelled-source", subjects: ["old.example.com"], message: expect.stringContaining("--source=istio-gateway") }));
    expect(st.records.find((r) => r.name === "old.example.com")).toMatchObject({ state: "orphaned", stateReason: expect.stringContaining("withheld: unmodelled-source") });
    expect(st.hostnames.find((h) => h.name === "old.example.com")).toMatchObject({ verdict: "blocked" });
  });

  it("registry noop: every change withheld, and the Records page still shows what differs", async () => {
    const { c, ir } = await compute("tests/fixtures/values-registry-noop.yaml");
    expect(planResponseFor(c, ir).changes).toEqual([]);
    const st = instanceState(ir.instance.id, ir.instance.origin, ir.result);
    const row = (name: string) => st.records.find((r) => r.name === name && r.type === "CNAME");
    expect(row("web.example.com")).toMatchObject({ state: "missing", stateReason: expect.stringContaining("create is withheld: unmodelled-config (--registry)") });
    expect(row("app.example.com")).toMatchObject({ state: "drifted", stateReason: expect.stringContaining("update is withheld") });
    expect(row("old.example.com")).toMatchObject({ state: "orphaned", stateReason: expect.stringContaining("deleting it is withheld") });
  });

  it("the seed as modelled: the delete is offered and nothing is blocked", async () => {
    const { c, ir } = await compute("examples/seed/values.yaml");
    const plan = planResponseFor(c, ir);
    expect(plan.changes.filter((x) => x.action === "delete").map((x) => x.name)).toContain("old.example.com");
    expect(plan.blocked).toBeUndefined();
  });

  it("partial data: the same mechanism, with partial-data", async () => {
    const { c, ir } = await compute("examples/seed/values.yaml", false);
    const plan = planResponseFor(c, ir);
    expect(plan.partial).toBe(true);
    expect(plan.changes.some((x) => x.action === "delete")).toBe(false);
    expect(plan.blocked?.map((b) => b.blockedBy[0].code)).toEqual(["partial-data", "partial-data"]);
  });
});
