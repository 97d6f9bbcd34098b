import { describe, expect, it } from "vitest";
import { planHash } from "./plan-hash";
import type { RecordChange } from "../externaldns/types";

const create: RecordChange = { action: "create", zone: "example.com", name: "a.example.com", type: "A", content: "192.0.2.1", proxied: true, ttl: 1 };

describe("planHash", () => {
  it.each([
    ["a different content", { ...create, content: "192.0.2.2" }],
    ["a different proxied flag", { ...create, proxied: false }],
    ["a different record id", { ...create, recordId: "abc" }],
    ["a different action", { ...create, action: "delete" as const }],
  ])("changes with %s", (_, other) => {
    expect(planHash("default", [other])).not.toBe(planHash("default", [create]));
  });

  it("does not depend on key order or undefined fields", () => {
    const reordered = JSON.parse(JSON.stringify({ ttl: 1, proxied: true, content: "192.0.2.1", type: "A", name: "a.example.com", zone: "example.com", action: "create" }));
    expect(planHash("default", [{ ...reordered, comment: undefined }])).toBe(planHash("default", [create]));
  });

  it("depends on the order of changes and on the instance", () => {
    const other = { ...create, name: "b.example.com" };
    expect(planHash("default", [create, other])).not.toBe(planHash("default", [other, create]));
    expect(planHash("a", [create])).not.toBe(planHash("b", [create]));
  });
});
