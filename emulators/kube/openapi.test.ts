// The OpenAPI documents and Tables, checked over HTTP: a schema tagged with its
// group-version-kind for every kind served (which is how kubectl finds one), patch operations
// with fieldValidation, v2 in JSON and not in protobuf; printer cells and ages.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { humanDuration } from "./printers";
import { ResourceRegistry } from "./resources";
import { startKubeEmulator, type KubeEmulator } from "./server";
import { tableVersion } from "./table";

let emu: KubeEmulator;
beforeAll(async () => {
  emu = await startKubeEmulator({});
});
afterAll(async () => emu?.close());

const get = async (p: string, accept = "application/json") => {
  const res = await fetch(`${emu.url}${p}`, { headers: { accept } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

type Doc = { paths: Record<string, Record<string, { parameters?: { name: string }[] }>>; components: { schemas: Record<string, Record<string, unknown>> } };

describe("/openapi/v3", () => {
  const registry = new ResourceRegistry();
  const served = registry.all().flatMap((d) => registry.servedVersions(d).map((v) => [`${d.group || "core"}/${v}/${d.kind}`, d, v] as const));

  it.each(served)("%s has a schema tagged with its group-version-kind, and its operations", async (_, def, version) => {
    const index = (await get("/openapi/v3")).body as { paths: Record<string, { serverRelativeURL: string }> };
    const gv = def.group === "" ? `api/${version}` : `apis/${def.group}/${version}`;
    const doc = (await get(index.paths[gv].serverRelativeURL)).body as unknown as Doc;
    const tagged = Object.values(doc.components.schemas).filter((s) =>
      (s["x-kubernetes-group-version-kind"] as { group: string; version: string; kind: string }[] | undefined)?.some(
        (g) => g.group === def.group && g.version === version && g.kind === def.kind,
      ),
    );
    expect(tagged).toHaveLength(1);
    expect(Object.keys(tagged[0].properties as object)).toEqual(expect.arrayContaining(["apiVersion", "kind", "metadata"]));
    // Every $ref resolves inside the document.
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[^"]+/g) ?? [];
    for (const r of refs) expect(doc.components.schemas[r.slice("#/components/schemas/".length)], r).toBeDefined();
    const base = `/${gv}${def.namespaced ? "/namespaces/{namespace}" : ""}/${def.plural}`;
    if (def.virtual) {
      expect(doc.paths[base].post).toBeDefined();
    } else {
      expect(doc.paths[`${base}/{name}`].patch.parameters?.map((p) => p.name)).toContain("fieldValidation");
      expect(Boolean(doc.paths[`${base}/{name}/status`])).toBe(Boolean(def.status));
    }
  });

  it("a group-version that is not served is 404", async () => {
    expect((await get("/openapi/v3/apis/example.com/v1")).status).toBe(404);
  });
});

describe("/openapi/v2", () => {
  it("answers JSON with the definitions of custom and built-in kinds", async () => {
    const { status, body } = await get("/openapi/v2", "application/json");
    expect(status).toBe(200);
    const defs = body.definitions as Record<string, { properties?: Record<string, { $ref?: string }> }>;
    expect(defs["io.k8s.networking.gateway.v1.HTTPRoute"].properties?.metadata.$ref).toBe("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    expect(defs["io.k8s.api.core.v1.Service"]).toBeDefined();
    expect(JSON.stringify(body)).not.toContain("#/components/");
  });

  it("refuses protobuf-only requests with 406, which kubectl takes as 'no v2'", async () => {
    const { status, body } = await get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
    expect(status).toBe(406);
    expect(body).toMatchObject({ kind: "Status", reason: "NotAcceptable", code: 406 });
  });
});

describe("Tables", () => {
  it.each([
    ["application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", "v1"],
    ["application/json;as=Table;v=v1beta1;g=meta.k8s.io", "v1beta1"],
    ["application/json", undefined],
    [undefined, undefined],
  ])("Accept %s → Table %s", (accept, version) => {
    expect(tableVersion(accept)).toBe(version);
  });

  // apimachinery's duration.HumanDuration, which AGE shows.
  it.each([
    [-5_000, "<invalid>"],
    [-500, "0s"],
    [0, "0s"],
    [119_000, "119s"],
    [120_000, "2m"],
    [125_000, "2m5s"],
    [600_000, "10m"],
    [179 * 60_000, "179m"],
    [3 * 3600_000 + 5 * 60_000, "3h5m"],
    [8 * 3600_000, "8h"],
    [47 * 3600_000, "47h"],
    [50 * 3600_000, "2d2h"],
    [10 * 86400_000, "10d"],
    [800 * 86400_000, "2y70d"],
    [9 * 365 * 86400_000, "9y"],
  ])("%i ms → %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it("a list as a Table: rows with cells and the object's metadata, list metadata kept", async () => {
    emu.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "t" } });
    emu.apply({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "r", namespace: "t" }, spec: { hostnames: ["a.example.com", "b.example.com"] } });
    const { body } = await get("/apis/gateway.networking.k8s.io/v1/namespaces/t/httproutes", "application/json;as=Table;v=v1;g=meta.k8s.io");
    expect(body).toMatchObject({
      kind: "Table",
      apiVersion: "meta.k8s.io/v1",
      metadata: { resourceVersion: expect.any(String) },
      columnDefinitions: [{ name: "Name", format: "name" }, { name: "Hostnames", type: "string" }, { name: "Age", type: "date" }],
      rows: [{ cells: ["r", '["a.example.com","b.example.com"]', expect.stringMatching(/^\d+s$/)], object: { kind: "PartialObjectMetadata", metadata: { name: "r", namespace: "t" } } }],
    });
    const none = await get("/apis/gateway.networking.k8s.io/v1/namespaces/t/httproutes?includeObject=None", "application/json;as=Table;v=v1;g=meta.k8s.io");
    expect((none.body.rows as object[])[0]).not.toHaveProperty("object");
  });
});
