// Contract test: every operation the emulator implements, called over HTTP with requests that
// conform to the OpenAPI subset (query parameters and bodies are checked), and every response
// (success and error envelopes) validated against the operation's response schema.
//
// Overlay on the spec, for its known false positives (BEHAVIOUR.md §3): `data` is not required on
// records without structured data, and `comment` may be null. Also, the
// dns_records error responses declare `result` as a record (or array) with `enum: [null]` but
// without `nullable`, which no value satisfies; the overlay reads those as `result: null`.

import fs from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseSeed, startHarness, ZONE_ID } from "./test-support";
import type { Harness } from "./test-support";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const spec: Json = JSON.parse(fs.readFileSync(fileURLToPath(new URL("./openapi/cloudflare-dns-openapi.json", import.meta.url)), "utf8"));
const schemas = spec.components.schemas;
schemas["dns-records_dns-record-response"].required = schemas["dns-records_dns-record-response"].required.filter((k: string) => k !== "data");
schemas["dns-records_comment"].nullable = true;
for (const ops of Object.values<Json>(spec.paths)) {
  for (const op of Object.values<Json>(ops)) {
    const result = op.responses?.["4XX"]?.content?.["application/json"]?.schema?.properties?.result;
    if (result && JSON.stringify(result.enum) === "[null]") {
      for (const key of Object.keys(result)) delete result[key];
      Object.assign(result, { type: "object", nullable: true, enum: [null] });
    }
  }
}

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);

/** Compiles a schema taken from anywhere in the document; `#/components/...` refs resolve against the copy. */
function compile(schema: Json): ValidateFunction {
  return ajv.compile({ ...schema, components: spec.components });
}

function deref(node: Json): Json {
  if (!node.$ref) return node;
  const path = (node.$ref as string).replace(/^#\//, "").split("/");
  return path.reduce((n: Json, key) => n[key], spec);
}

function expectValid(validate: ValidateFunction, value: unknown, what: string): void {
  const ok = validate(value);
  expect(ok, `${what}: ${ajv.errorsText(validate.errors, { separator: "\n" })}\n${JSON.stringify(value).slice(0, 600)}`).toBe(true);
}

interface Call {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  template: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  token?: string;
  status: number;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.emu.close());

/** Validates the request against the operation, sends it, validates the response; returns its body. */
async function call(c: Call): Promise<Json> {
  const op = spec.paths[c.template]?.[c.method.toLowerCase()];
  expect(op, `${c.method} ${c.template} is in the spec`).toBeDefined();
  const declared = new Map<string, Json>((op.parameters ?? []).map((p: Json) => deref(p)).map((p: Json) => [p.name, p]));
  for (const [key, raw] of Object.entries(c.query ?? {})) {
    const param = declared.get(key);
    expect(param, `query parameter ${key} is declared`).toBeDefined();
    const schema = deref(param!.schema ?? {});
    const value = schema.type === "number" ? Number(raw) : schema.type === "boolean" ? raw === "true" : schema.type === "array" ? raw.split(",") : raw;
    expectValid(compile(param!.schema), value, `query ${key}`);
  }
  if (c.body !== undefined) expectValid(compile(op.requestBody.content["application/json"].schema), c.body, "request body");

  const path = c.template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(c.params?.[k] ?? ""));
  const qs = new URLSearchParams(c.query ?? {}).toString();
  const res = await fetch(`${h.emu.url}${path}${qs ? `?${qs}` : ""}`, {
    method: c.method,
    headers: { authorization: `Bearer ${c.token ?? "edit-token"}`, ...(c.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: c.body === undefined ? undefined : JSON.stringify(c.body),
  });
  expect(res.status).toBe(c.status);
  expect(res.headers.get("content-type")).toBe("application/json");
  const body = (await res.json()) as Json;
  const response = op.responses[String(res.status)] ?? op.responses[`${String(res.status)[0]}XX`];
  expect(response, `response ${res.status} is documented`).toBeDefined();
  expectValid(compile(response.content["application/json"].schema), body, `${c.method} ${c.template} → ${res.status}`);
  return body;
}

const rec = (id: string) => ({ zone_id: ZONE_ID, dns_record_id: id });
const zone = { zone_id: ZONE_ID };
const RECORDS = "/zones/{zone_id}/dns_records";
const RECORD = "/zones/{zone_id}/dns_records/{dns_record_id}";

describe("contract: success envelopes", () => {
  beforeAll(() => h.emu.seed(baseSeed()));

  it.each<[string, Call]>([
    ["list zones", { method: "GET", template: "/zones", query: { name: "example.com", status: "active", per_page: "5", page: "1", order: "name", direction: "asc", match: "all" }, status: 200 }],
    ["list zones past the end", { method: "GET", template: "/zones", query: { page: "9" }, status: 200 }],
    ["zone details", { method: "GET", template: "/zones/{zone_id}", params: zone, status: 200 }],
    ["verify token", { method: "GET", template: "/user/tokens/verify", status: 200 }],
    ["list records with filters", { method: "GET", template: RECORDS, params: zone, query: { per_page: "5000", "name.endswith": "example.com", type: "A", proxied: "false", order: "name", direction: "desc", match: "all" }, status: 200 }],
    ["list all records", { method: "GET", template: RECORDS, params: zone, status: 200 }],
    ["record details", { method: "GET", template: RECORD, params: rec("c0000000000000000000000000000001"), status: 200 }],
    ["create A (proxied)", { method: "POST", template: RECORDS, params: zone, body: { type: "A", name: "api", content: "198.51.100.20", ttl: 1, proxied: true }, status: 200 }],
    ["create CNAME with comment and tags", { method: "POST", template: RECORDS, params: zone, body: { type: "CNAME", name: "docs", content: "docs.example.net", ttl: 300, comment: "hi", tags: ["owner:docs"] }, status: 200 }],
    ["create MX", { method: "POST", template: RECORDS, params: zone, body: { type: "MX", name: "@", content: "mx2.example.com", priority: 20, ttl: 3600 }, status: 200 }],
    ["create TXT", { method: "POST", template: RECORDS, params: zone, body: { type: "TXT", name: "txt", content: '"v=spf1 -all"', ttl: 1 }, status: 200 }],
    ["create SRV from data", { method: "POST", template: RECORDS, params: zone, body: { type: "SRV", name: "_sip._tcp", ttl: 1, data: { priority: 10, weight: 5, port: 5060, target: "sip.example.com" } }, status: 200 }],
    ["create CAA from data", { method: "POST", template: RECORDS, params: zone, body: { type: "CAA", name: "@", ttl: 1, data: { flags: 0, tag: "issue", value: "letsencrypt.org" } }, status: 200 }],
    ["overwrite (PUT)", { method: "PUT", template: RECORD, params: rec("a0000000000000000000000000000002"), body: { type: "A", name: "www.example.com", content: "198.51.100.3", ttl: 120 }, status: 200 }],
    ["partial update (PATCH, with the fields the schema requires)", { method: "PATCH", template: RECORD, params: rec("a0000000000000000000000000000001"), body: { type: "A", name: "www.example.com", ttl: 600, comment: "patched" }, status: 200 }],
    ["delete", { method: "DELETE", template: RECORD, params: rec("mx-record-1"), status: 200 }],
    ["batch", {
      method: "POST", template: `${RECORDS}/batch`, params: zone, status: 200,
      body: {
        deletes: [{ id: "c0000000000000000000000000000001" }],
        patches: [{ id: "a0000000000000000000000000000001", type: "A", name: "www.example.com", ttl: 900 }],
        puts: [{ id: "f0000000000000000000000000000001", type: "TXT", name: "cname-app.example.com", content: '"x"', ttl: 1 }],
        posts: [{ type: "A", name: "app", content: "198.51.100.30", ttl: 1, proxied: true }],
      },
    }],
  ])("%s", async (_label, c) => {
    const body = await call(c);
    expect(body.success).toBe(true);
  });

  it("every record left in the zone validates as a record response", async () => {
    const body = await call({ method: "GET", template: RECORDS, params: zone, query: { per_page: "100" }, status: 200 });
    expect(body.result.length).toBeGreaterThan(8);
    expect(new Set(body.result.map((r: Json) => r.type))).toEqual(new Set(["A", "CNAME", "MX", "TXT", "SRV", "CAA"]));
  });
});

describe("contract: error envelopes", () => {
  beforeAll(() => h.emu.seed(baseSeed()));

  it.each<[string, Call, number]>([
    ["list zones with an unknown token", { method: "GET", template: "/zones", token: "nope", status: 401 }, 1000],
    ["zone details of an unknown zone", { method: "GET", template: "/zones/{zone_id}", params: { zone_id: "0123456789abcdef0123456789abcdef" }, status: 404 }, 7003],
    ["verify an unknown token", { method: "GET", template: "/user/tokens/verify", token: "nope", status: 401 }, 1000],
    ["list records of a malformed zone id", { method: "GET", template: RECORDS, params: { zone_id: "example.com" }, status: 400 }, 7003],
    ["create over a CNAME", { method: "POST", template: RECORDS, params: zone, body: { type: "A", name: "app", content: "198.51.100.9", ttl: 1 }, status: 400 }, 81054],
    ["create with a read-only token", { method: "POST", template: RECORDS, params: zone, token: "read-token", body: { type: "A", name: "ro", content: "198.51.100.9", ttl: 1 }, status: 403 }, 10000],
    ["details of an unknown record", { method: "GET", template: RECORD, params: rec("0123456789abcdef0123456789abcdef"), status: 404 }, 81044],
    ["PUT a proxied TXT", { method: "PUT", template: RECORD, params: rec("f0000000000000000000000000000001"), body: { type: "TXT", name: "cname-app.example.com", content: "x", ttl: 1, proxied: true }, status: 400 }, 9004],
    ["PATCH into a duplicate", { method: "PATCH", template: RECORD, params: rec("a0000000000000000000000000000002"), body: { type: "A", name: "www.example.com", content: "198.51.100.1", ttl: 1 }, status: 400 }, 81058],
    ["delete an unknown record", { method: "DELETE", template: RECORD, params: rec("0123456789abcdef0123456789abcdef"), status: 404 }, 81044],
    ["batch that fails and rolls back", { method: "POST", template: `${RECORDS}/batch`, params: zone, body: { deletes: [{ id: "mx-record-1" }], posts: [{ type: "CNAME", name: "www", content: "x.example.net", ttl: 1 }] }, status: 400 }, 81053],
  ])("%s", async (_label, c, code) => {
    const body = await call(c);
    expect(body).toMatchObject({ success: false, result: null });
    expect(body.errors[0].code).toBe(code);
  });
});
