// Per-record normalisation and rules, without HTTP.

import { describe, expect, it } from "vitest";
import { CfError } from "./errors";
import { expandName, isOutsideZone } from "./names";
import { isProxiable } from "./proxy-rules";
import type { StoredZone } from "./types";
import { validateRecord } from "./validate";
import type { WriteMode } from "./validate";

const zone = (plan: StoredZone["plan"] = "free"): StoredZone => ({
  id: "z", name: "example.com", status: "active", type: "full", plan, account: { id: "a", name: "a" }, created_on: "", records: new Map(),
});

const code = (body: unknown, mode: WriteMode = "create", plan: StoredZone["plan"] = "free"): number | "ok" => {
  try {
    validateRecord(body, { mode, zone: zone(plan) });
    return "ok";
  } catch (e) {
    return (e as CfError).errors[0].code;
  }
};

describe("names", () => {
  it.each([
    ["www", "www.example.com"],
    ["@", "example.com"],
    ["", "example.com"],
    ["WWW.Example.COM.", "www.example.com"],
    ["example.com", "example.com"],
    ["www.other.org", "www.other.org.example.com"],
    ["*.apps", "*.apps.example.com"],
    ["bücher", "xn--bcher-kva.example.com"],
  ])("%s expands to %s", (input, fqdn) => {
    expect(expandName(input, "example.com")).toBe(fqdn);
  });

  it.each([
    ["www.other.org.", true],
    ["WWW.Other.ORG.", true],
    ["xexample.com.", true],
    ["www.other.org", false],
    ["www.example.com.", false],
    ["Example.COM.", false],
    ["www", false],
    ["@", false],
  ])("%s is outside example.com: %s", (input, outside) => {
    expect(isOutsideZone(input, "example.com")).toBe(outside);
  });
});

describe("proxiable", () => {
  it.each<[string, string, boolean]>([
    ["A", "198.51.100.1", true],
    ["A", "8.8.8.8", true],
    ["A", "192.168.1.1", false],
    ["A", "10.0.0.1", false],
    ["A", "127.0.0.1", false],
    ["A", "104.16.1.1", false],
    ["AAAA", "2606:4700::1", false],
    ["AAAA", "2001:db8::1", true],
    ["AAAA", "fd00::1", false],
    ["CNAME", "anything.example.net", true],
    ["TXT", "hello", false],
    ["MX", "mx.example.com", false],
  ])("%s %s → %s", (type, content, expected) => {
    expect(isProxiable(type, content)).toBe(expected);
  });
});

describe("TTL rules", () => {
  it.each<[unknown, WriteMode, StoredZone["plan"], number | "ok"]>([
    [1, "create", "free", "ok"],
    [60, "create", "free", "ok"],
    [86400, "create", "free", "ok"],
    [59, "create", "free", 9021],
    [30, "create", "free", 9021],
    [30, "create", "enterprise", "ok"],
    [29, "create", "enterprise", 9021],
    [86401, "create", "pro", 9021],
    [0, "create", "free", 9021],
    [120.5, "create", "free", 9021],
    ["300", "create", "free", 9021],
    [undefined, "create", "free", 9021], // the contract requires ttl on create…
    [undefined, "put", "free", 9021], // …and on overwrite
    [undefined, "patch", "free", "ok"], // a PATCH keeps the record's ttl
  ])("ttl %j on %s (%s) → %s", (ttl, mode, plan, expected) => {
    expect(code({ type: "A", name: "a", content: "198.51.100.1", ttl }, mode, plan)).toBe(expected);
  });

  it("forces 1 on proxied records", () => {
    expect(validateRecord({ type: "A", name: "a", content: "198.51.100.1", ttl: 300, proxied: true }, { mode: "create", zone: zone() }).ttl).toBe(1);
  });
});

describe("content and field rules", () => {
  it.each<[string, Record<string, unknown>, number | "ok"]>([
    ["A leading-zero octet", { type: "A", content: "01.2.3.4" }, 9005],
    ["A with IPv6", { type: "A", content: "2001:db8::1" }, 9005],
    ["AAAA valid", { type: "AAAA", content: "2001:db8::1" }, "ok"],
    ["CNAME with spaces", { type: "CNAME", content: "not a host" }, 9007],
    ["CNAME trailing dot", { type: "CNAME", content: "target.example.net." }, "ok"],
    ["MX bad host", { type: "MX", content: "bad host", priority: 1 }, 1004],
    ["MX priority out of range", { type: "MX", content: "mx.example.com", priority: 70000 }, 1004],
    ["TXT anything", { type: "TXT", content: "any text at all" }, "ok"],
    ["tags malformed", { type: "TXT", content: "x", tags: ["bad tag:x"] }, 1004],
    ["tags ok", { type: "TXT", content: "x", tags: ["owner:a b", "flag"] }, "ok"],
    ["settings not boolean", { type: "A", content: "198.51.100.1", settings: { ipv4_only: "yes" } }, 1004],
    ["proxied not boolean", { type: "A", content: "198.51.100.1", proxied: "true" }, 1004],
    ["content missing", { type: "A" }, 1004],
    ["type lowercase", { type: "a", content: "198.51.100.1" }, 9020],
    ["name over 63-char label", { type: "A", content: "198.51.100.1", name: "x".repeat(64) }, 1004],
  ])("%s → %s", (_label, body, expected) => {
    expect(code({ name: "n", ttl: 1, ...body })).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["AAAA is compressed", { type: "AAAA", content: "2001:0DB8:0000::0001" }, { content: "2001:db8::1" }],
    ["CNAME trailing dot is dropped", { type: "CNAME", content: "t.example.net." }, { content: "t.example.net", settings: { flatten_cname: false } }],
    ["TXT quotes are kept", { type: "TXT", content: '"a b"' }, { content: '"a b"', settings: {} }],
    ["SRV content comes from data", { type: "SRV", data: { priority: 1, weight: 2, port: 3, target: "s.example.com." } }, { content: "2 3 s.example.com", priority: 1 }],
    ["empty comment reads as none", { type: "TXT", content: "x", comment: "" }, { comment: null }],
    ["duplicate tags collapse", { type: "TXT", content: "x", tags: ["a:1", "a:1"] }, { tags: ["a:1"] }],
  ])("%s", (_label, body, expected) => {
    expect(validateRecord({ name: "n", ttl: 1, ...body }, { mode: "create", zone: zone() })).toMatchObject(expected);
  });

  it("lenient (seed) mode keeps what the API would refuse", () => {
    const r = validateRecord({ type: "A", name: "a", content: "10.0.0.1", proxied: true, ttl: 5 }, { mode: "create", zone: zone(), lenient: true });
    expect(r).toMatchObject({ proxied: true, ttl: 1, content: "10.0.0.1" });
  });
});
