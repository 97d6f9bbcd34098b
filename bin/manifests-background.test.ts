// Reading manifests on a worker thread gives exactly what reading them on the main thread gives:
// the same objects, and the same error for the same bad file. The worker is compiled here as
// scripts/build-bin.mjs compiles it (esbuild, packages external).

import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../lib/externaldns/errors";
import { loadManifests } from "../lib/kube/snapshot";
import { startReadingManifests } from "./manifests-background";

const root = path.resolve(__dirname, "..");
const tmp = path.join(root, ".tmp", `manifests-worker-test-${process.pid}`);
const workerFile = path.join(tmp, "manifests-worker.cjs");
const seed = path.join(root, "examples/seed/manifests");
const bad = (p: string) => path.join(root, "tests/fixtures/bad", p);

beforeAll(async () => {
  fs.mkdirSync(tmp, { recursive: true });
  await build({ entryPoints: [path.join(root, "bin/manifests-worker.ts")], outfile: workerFile, bundle: true, platform: "node", format: "cjs", target: "node20", packages: "external", logLevel: "warning" });
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const onThread = (paths: string[]) => startReadingManifests(paths, { workerFile, minBytes: 0 });

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("manifests read on a worker thread", () => {
  it("gives the objects the main thread reads, for the seed cluster", async () => {
    const reading = onThread([seed]);
    expect(reading.onThread).toBe(true);
    expect(await reading.objects()).toEqual(loadManifests([seed]).objects);
  });

  it("keeps what JSON cannot carry: .nan, .inf, -0 and YAML aliases", async () => {
    const file = path.join(tmp, "odd.yaml");
    fs.writeFileSync(
      file,
      [
        "apiVersion: gateway.networking.k8s.io/v1",
        "kind: HTTPRoute",
        "metadata: {name: r, namespace: apps}",
        "spec:",
        "  parentRefs: [&gw {name: gw, namespace: gateways, port: -0}]",
        "  weird: [.nan, .inf, -.inf]",
        "status:",
        "  parents: [{parentRef: *gw}]",
      ].join("\n"),
    );
    const objects = await onThread([file]).objects();
    const route = objects.routes[0];
    expect(Object.is(route.spec.parentRefs[0].port, -0)).toBe(true);
    expect(Number.isNaN(route.spec.weird[0])).toBe(true);
    expect(route.spec.weird.slice(1)).toEqual([Infinity, -Infinity]);
    expect(route.status.parents[0].parentRef).toBe(route.spec.parentRefs[0]);
    expect(objects).toEqual(loadManifests([file]).objects);
  });

  it.each([
    ["malformed YAML", bad("broken.yaml")],
    ["an object without a name", bad("no-name.yaml")],
    ["a non-string annotation", bad("numeric-annotation.yaml")],
  ])("%s: the same InputError as on the main thread", async (_, file) => {
    const here = await errorOf(() => loadManifests([file]));
    const there = await errorOf(onThread([file]).objects());
    expect(here).toBeInstanceOf(InputError);
    expect(there).toBeInstanceOf(InputError);
    expect((there as InputError).message).toBe((here as InputError).message);
    expect({ ...(there as InputError) }).toEqual({ ...(here as InputError) });
  });

  it("reports a missing path at once, as the main thread does", async () => {
    expect(await errorOf(() => onThread([bad("nope")]))).toEqual(new InputError(bad("nope"), "no such file or directory"));
  });

  it("reads small inputs, JSON and runs without a compiled worker on the main thread", () => {
    expect(startReadingManifests([seed], { workerFile }).onThread).toBe(false);
    expect(startReadingManifests([seed], { minBytes: 0 }).onThread).toBe(false); // run from sources: no worker file
  });

  it("says so when the worker fails to start", async () => {
    const e = await errorOf(startReadingManifests([seed], { workerFile: path.join(tmp, "missing.cjs"), minBytes: 0 }).objects());
    expect((e as Error).message).toMatch(/^reading the manifests failed: /);
  });
});
