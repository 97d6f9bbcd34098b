import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createSnapshotClusterReader } from "./snapshot-reader";
import { deployment } from "../../tests/support/kube-reader";

const SEED = path.resolve(__dirname, "../../examples/seed/manifests");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-snapshot-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const deploymentsFile = path.join(dir, "deployments.yaml");
fs.writeFileSync(
  deploymentsFile,
  [
    deployment(),
    deployment({ name: "private", namespace: "dns", args: ["--source=ingress", "--provider=cloudflare", "--policy=sync", "--txt-owner-id=private"] }),
    deployment({ name: "unlabelled", namespace: "dns", labels: { app: "external-dns" } }),
  ]
    .map((d) => stringify(d))
    .join("---\n"),
);

describe("createSnapshotClusterReader", () => {
  it("reads the objects and the external-dns Deployments among the files", async () => {
    const reader = createSnapshotClusterReader({ paths: [SEED, deploymentsFile], now: () => new Date("2026-03-01T00:00:00Z") });
    await reader.start();
    const s = reader.snapshot();
    expect(s.complete).toBe(true);
    expect(s.objects.routes).toHaveLength(7);
    expect(s.objects.gateways).toHaveLength(2);
    expect(s.instances.map((i) => [i.id, i.origin, i.config.txtOwnerId])).toEqual([
      ["networking/external-dns", "snapshot", "default"],
      ["dns/private", "snapshot", "private"],
    ]);
    expect(s.health.map((h) => [h.id, h.status])).toEqual([
      ["cluster", "ok"],
      ["cluster/deployments", "ok"],
    ]);
    expect(s.health[0].fetchedAt).toBe("2026-03-01T00:00:00.000Z");
  });

  it("honours the selector and namespace", () => {
    const s = createSnapshotClusterReader({ paths: [deploymentsFile], discovery: { mode: "discover", selector: "app=external-dns", namespace: "dns" } }).snapshot();
    expect(s.instances.map((i) => i.id)).toEqual(["dns/unlabelled"]);
  });

  it("explains a snapshot without an external-dns Deployment", () => {
    const s = createSnapshotClusterReader({ paths: [SEED] }).snapshot();
    expect(s.instances).toEqual([]);
    expect(s.health.find((h) => h.id === "cluster/deployments")).toMatchObject({ status: "missing", error: { code: "not-found" } });
  });

  it("uses configured instances in static mode", () => {
    const values = fs.readFileSync(path.resolve(__dirname, "../../examples/seed/values.yaml"), "utf8");
    const s = createSnapshotClusterReader({
      paths: [SEED, deploymentsFile],
      discovery: { mode: "static", static: [{ id: "external-dns", configText: values, file: "values.yaml" }] },
    }).snapshot();
    expect(s.instances.map((i) => [i.id, i.origin, i.config.version.raw])).toEqual([["external-dns", "config-file", "v0.20.0"]]);
    expect(s.health.map((h) => h.id)).toEqual(["cluster"]);
  });
});
