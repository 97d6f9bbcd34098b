import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRecordsFile } from "../../cloudflare/records-file";
import { parseConfigText } from "../../externaldns/config";
import { loadManifests } from "../../kube/snapshot";
import { buildHostIndex } from "../host-index";
import { runPipeline } from "../pipeline";
import { recordViews } from "../record-states";
import { diffSnapshots } from "./diff";
import { historySnapshot, historySnapshotSteps } from "./snapshot";

const seed = path.resolve(__dirname, "../../../examples/seed");

function seedRun(mutate?: (objects: ReturnType<typeof loadManifests>["objects"]) => void) {
  const config = parseConfigText(fs.readFileSync(path.join(seed, "values.yaml"), "utf8"), "values.yaml");
  const { objects } = loadManifests([path.join(seed, "manifests")]);
  mutate?.(objects);
  const zones = loadRecordsFile(path.join(seed, "records.json"));
  return runPipeline({ config, objects, zones });
}

describe("historySnapshot on the seed", () => {
  const snap = historySnapshot("networking/external-dns", "2026-01-01T00:00:00Z", seedRun());

  it.each([
    ["grafana.example.com", undefined, "not-published"],
    ["web.example.com", undefined, "missing"],
    ["app.example.com", "CNAME", "drifted"],
    ["blog.example.com", undefined, "blocked"],
    ["shop.example.com", "CNAME", "other-owner"],
  ])("%s %s is %s", (hostname, type, state) => {
    expect(snap.items[type ? `${hostname}|${type}` : hostname]?.state).toBe(state);
  });

  it("comes out the same when taken in steps, which pause between its stages", () => {
    const steps = historySnapshotSteps("networking/external-dns", "2026-01-01T00:00:00Z", seedRun());
    let pauses = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(r.value).toEqual(snap);
  });

  it("comes out the same from record rows the caller built already", () => {
    const run = seedRun();
    const rows = recordViews(run, buildHostIndex(run));
    const steps = historySnapshotSteps("networking/external-dns", "2026-01-01T00:00:00Z", run, undefined, rows);
    let r = steps.next();
    while (!r.done) r = steps.next();
    expect(r.value).toEqual(snap);
  });

  it("ties grafana.example.com to its route and the route's parent Gateway", () => {
    expect(snap.items["grafana.example.com"].objects).toEqual(["gateway/networking/envoy-internal", "httproute/observability/grafana"]);
  });

  it("labelling the internal Gateway turns grafana from not published to missing, caused by that label", () => {
    const labelled = historySnapshot(
      "networking/external-dns",
      "2026-01-01T00:01:00Z",
      seedRun((o) => {
        const gw = o.gateways.find((g) => g.metadata.name === "envoy-internal")!;
        gw.metadata.labels = { ...gw.metadata.labels, "external-dns.alpha.kubernetes.io/enabled": "true" };
      }),
    );
    const t = diffSnapshots(snap, labelled).find((x) => x.hostname === "grafana.example.com" && !x.type)!;
    expect(t).toMatchObject({ from: "not-published", to: "missing" });
    expect(t.causes[0]).toMatchObject({
      code: "object-changed",
      resource: "gateway/networking/envoy-internal",
      field: ["metadata", "labels", "external-dns.alpha.kubernetes.io/enabled"],
    });
  });
});
