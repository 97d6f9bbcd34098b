import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { digestOf, findToken, parseTokens, tokenById } from "./tokens";

const SECRET = Buffer.from("s".repeat(32));
const ALICE = "alice-token-0123456789abcdef";
const BOB = "bob-token-0123456789abcdef00";
const sha = (t: string) => crypto.createHash("sha256").update(t).digest("hex");

describe("parseTokens", () => {
  it.each([
    ["a JSON map", JSON.stringify({ [ALICE]: { name: "alice", groups: ["dns-approvers"] }, [BOB]: { name: "bob" } })],
    ["a YAML list with a token and a sha256", `- {name: alice, groups: [dns-approvers], token: ${ALICE}}\n- {name: bob, sha256: ${sha(BOB)}}\n`],
  ])("reads %s", (_, text) => {
    const entries = parseTokens(text, "T", SECRET);
    expect(entries.map((e) => [e.name, e.groups])).toEqual([
      ["alice", ["dns-approvers"]],
      ["bob", []],
    ]);
    expect(findToken(entries, ALICE)?.name).toBe("alice");
    expect(findToken(entries, BOB)?.name).toBe("bob");
    expect(findToken(entries, "alice-token-0123456789abcdeX")).toBeUndefined();
    expect(findToken(entries, "")).toBeUndefined();
  });

  it("keeps only digests, and ids that reveal nothing of the token", () => {
    const [e] = parseTokens(JSON.stringify({ [ALICE]: { name: "alice" } }), "T", SECRET);
    expect(e.digest.equals(digestOf(ALICE))).toBe(true);
    expect(JSON.stringify(e)).not.toContain(ALICE);
    expect(e.id).not.toContain(sha(ALICE).slice(0, 8));
    expect(tokenById([e], e.id)).toBe(e);
    // A different secret gives different ids: a cookie cannot be moved to another server.
    expect(parseTokens(JSON.stringify({ [ALICE]: { name: "alice" } }), "T", Buffer.from("t".repeat(32)))[0].id).not.toBe(e.id);
  });

  it.each([
    ["short token in a map", JSON.stringify({ short: { name: "x" } }), /entry 1 \(x\): tokens must be at least 16/],
    ["short token in a list", `- {name: x, token: short}`, /entry 1: token: tokens must be at least 16/],
    ["both token and sha256", `- {name: x, token: ${ALICE}, sha256: ${sha(ALICE)}}`, /exactly one of token or sha256/],
    ["neither", `- {name: x}`, /exactly one of token or sha256/],
    ["bad sha256", `- {name: x, sha256: abc}`, /64 hex digits/],
    ["no name", JSON.stringify({ [ALICE]: { groups: [] } }), /entry 1: name: /],
    ["a duplicate", `- {name: a, token: ${ALICE}}\n- {name: b, sha256: ${sha(ALICE)}}`, /the token of b is listed twice/],
    ["a scalar", "just-a-string", /T: expected a map/],
    ["broken YAML", `{"${ALICE}": [`, /T: not valid YAML or JSON/],
  ])("refuses %s without quoting any token", (_, text, message) => {
    let error: Error | undefined;
    try {
      parseTokens(text, "T", SECRET);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(ALICE);
    expect(error?.message).not.toContain("short");
  });
});
