// The request gate over every route handler found under app/ (so a new route is covered, or
// this test fails until lib/server/routes.ts lists it) and a table of odd requests.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodePath, gate } from "./request-gate";
import { MAX_BODY_BYTES } from "./http";
import { allowed, ROUTE_METHODS } from "./routes";

const root = path.resolve(__dirname, "../..");
const NEXT_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];
const ODD_METHODS = ["TRACE", "CONNECT", "PROPFIND", "FOO"];

/** Every app/**\/route.ts as its URL pattern, with the HTTP methods its module exports. */
function routesOnDisk(): { route: string; file: string; methods: string[] }[] {
  const out: { route: string; file: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const rel = path.relative(path.join(root, "app"), path.dirname(p)).split(path.sep).join("/");
        const text = fs.readFileSync(p, "utf8");
        const methods = NEXT_METHODS.filter((m) => new RegExp(`export (async )?function ${m}\\b|export \\{[^}]*\\b${m}\\b[^}]*\\}`).test(text));
        out.push({ route: `/${rel}`, file: p, methods });
      }
    }
  };
  walk(path.join(root, "app"));
  return out.sort((a, b) => a.route.localeCompare(b.route));
}

/** A concrete path for a route pattern. */
const concrete = (route: string) => route.replace(/\[[^\]]+\]/g, "app.example.com");
const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers });

describe("the route table", () => {
  it("lists every route handler under app/ with exactly the methods it exports", () => {
    const disk = routesOnDisk();
    expect(disk.length).toBeGreaterThan(10);
    expect(Object.fromEntries(disk.map((r) => [r.route, r.methods]))).toEqual(
      Object.fromEntries(Object.entries(ROUTE_METHODS).map(([k, v]) => [k, [...v].sort((a, b) => NEXT_METHODS.indexOf(a) - NEXT_METHODS.indexOf(b))])),
    );
  });
});

describe.each(routesOnDisk())("$route", ({ route, methods }) => {
  const url = concrete(route);
  const allow = allowed(methods).join(", ");

  it.each(NEXT_METHODS.concat(ODD_METHODS))("%s", (method) => {
    const out = gate(req(method, url));
    if (method === "OPTIONS") {
      expect(out).toMatchObject({ status: 204, headers: { allow } });
    } else if (methods.includes(method) || (method === "HEAD" && methods.includes("GET"))) {
      expect(out).toBeUndefined();
    } else {
      expect(out?.status).toBe(405);
      expect(out?.headers.allow).toBe(allow);
      expect(out?.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(out!.body)).toMatchObject({ error: { code: "method-not-allowed" } });
    }
  });

  it.each([
    ["a malformed escape", `${url}/%`],
    ["a truncated UTF-8 escape", `${url}/%E0%A4%A`],
  ])("answers %s with 400 JSON", (_, bad) => {
    const out = gate(req(methods[0], bad));
    expect(out?.status).toBe(400);
    expect(JSON.parse(out!.body)).toMatchObject({ error: { code: "invalid-url" } });
  });

  it("answers a body announced over the limit with 413 JSON", () => {
    const out = gate(req(methods[0], url, { "content-length": String(MAX_BODY_BYTES + 1) }));
    expect(out?.status).toBe(413);
    expect(JSON.parse(out!.body)).toMatchObject({ error: { code: "body-too-large" } });
  });
});

describe("odd requests anywhere", () => {
  it.each([
    ["GET", "/%", 400],
    ["GET", "/%E0%A4%A", 400],
    ["GET", "/api/explain/%", 400],
    ["GET", "/api/explain/%E0%A4%A", 400],
    ["GET", "/hostnames/%", 400],
    ["GET", "/api/nope", 404],
    ["GET", "/api", 404],
    ["POST", "/plan", 405],
    ["TRACE", "/", 405],
    ["DELETE", "/records", 405],
  ])("%s %s → %i JSON", (method, url, status) => {
    const out = gate(req(method, url));
    expect(out?.status).toBe(status);
    expect(out?.headers["content-type"]).toMatch(/^application\/json/);
    expect(out?.headers["x-content-type-options"]).toBe("nosniff");
  });

  it.each([
    ["GET", "/"],
    ["GET", "/hostnames/app.example.com"],
    ["GET", "/api/explain/%25"],
    ["GET", "/_next/static/chunks/x.js"],
    ["HEAD", "/plan?instance=a%2Fb"],
  ])("lets %s %s through to Next", (method, url) => {
    expect(gate(req(method, url))).toBeUndefined();
  });

  it("decodes each path segment once", () => {
    expect(decodePath("/api/explain/%25?x=%")).toBe("/api/explain/%");
    expect(decodePath("/a%2Fb")).toBe("/a/b");
    expect(decodePath("/%E0%A4%A")).toBeUndefined();
  });
});
