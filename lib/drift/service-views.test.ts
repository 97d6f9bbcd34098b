// The Services view over the service-heavy scenario (tests/scenarios/service-heavy-cluster): what
// the dashboard's Services page shows for each Service.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRecordsFile } from "../cloudflare/records-file";
import { parseConfigText } from "../externaldns/config";
import { loadManifests } from "../kube/snapshot";
import { runPipeline } from "./pipeline";
import { instanceState } from "./state";

const DIR = path.resolve(__dirname, "../../tests/scenarios/service-heavy-cluster");

function state(extraArgs: string[] = []) {
  const args = fs.readFileSync(path.join(DIR, "args.yaml"), "utf8") + extraArgs.map((a) => `- ${a}\n`).join("");
  const config = parseConfigText(args, "args.yaml", { version: "v0.21.0" });
  const { objects } = loadManifests([path.join(DIR, "manifests")]);
  return instanceState("test", "file", runPipeline({ config, objects, zones: loadRecordsFile(path.join(DIR, "records.json")) }));
}

describe("service views", () => {
  const services = state().services ?? [];
  const byName = (name: string) => services.find((s) => s.name === name)!;

  it("lists every Service with its type, names and targets", () => {
    expect(services.map((s) => s.resource).sort()).toEqual(
      ["data/db", "games/game", "web/api", "web/beta", "web/cdn", "web/legacy", "web/old-lb", "web/other", "web/shop", "web/shop-b", "web/www2"].map((r) => `service/${r}`),
    );
    expect(byName("db")).toMatchObject({ type: "ClusterIP", headless: true, hostnames: ["db.example.org"], targets: ["10.1.0.5"] });
    expect(byName("api")).toMatchObject({ type: "ClusterIP", headless: false, hostnames: ["api.example.org"], internalHostnames: ["api.internal.example.org"], targets: ["10.0.0.20"] });
  });

  it("shows proxied and where it comes from", () => {
    expect(byName("shop")).toMatchObject({ proxied: true, proxiedSource: "annotation" });
    expect(byName("legacy")).toMatchObject({ proxied: false, proxiedSource: "flag-default" });
    expect(byName("old-lb")).toMatchObject({ proxied: null, proxiedSource: null });
  });

  it("marks Services external-dns skips, with the reason", () => {
    expect(byName("other").exclusion).toMatchObject({ code: "controller-annotation" });
    expect(byName("shop").exclusion).toBeUndefined();
    const filtered = state(["--label-filter=team=payments"]).services ?? [];
    expect(filtered.every((s) => s.exclusion?.code === "label-filter")).toBe(true);
  });

  it("shows the state of each record a Service owns, and the why trail", () => {
    expect(byName("legacy").records).toEqual([{ name: "old.example.org", type: "CNAME", state: "in-sync" }]);
    expect(byName("db").records.map((r) => `${r.name} ${r.state}`).sort()).toEqual(["db-0.db.example.org missing", "db.example.org missing"]);
    expect(byName("old-lb").reasons.map((r) => r.code)).toContain("no-targets");
    expect(byName("shop-b").reasons.map((r) => r.code)).toContain("merged-targets");
  });

  it("warns on the instance when LoadBalancer hostnames would be resolved by external-dns", () => {
    const warnings = state(["--resolve-service-load-balancer-hostname"]).warnings;
    expect(warnings).toContainEqual(expect.objectContaining({ code: "lb-hostname-not-resolved", subjects: ["www.example.org"] }));
    expect(warnings).toContainEqual(expect.objectContaining({ code: "config-warning", message: expect.stringContaining("--resolve-service-load-balancer-hostname") }));
  });

  it("is absent for an instance without the service source", () => {
    const config = parseConfigText("- --provider=cloudflare\n- --source=ingress\n- --policy=sync\n", "args.yaml", { version: "v0.21.0" });
    const s = instanceState("x", "file", runPipeline({ config, objects: loadManifests([path.join(DIR, "manifests")]).objects, zones: [] }));
    expect(s.services).toBeUndefined();
  });
});
