import { describe, expect, it } from "vitest";
import { isHostname, normalizeHostname } from "./hostname";

describe("normalizeHostname", () => {
  it.each([
    ["app.example.com", "app.example.com"],
    ["App.Example.COM", "app.example.com"],
    ["app.example.com.", "app.example.com"],
    ["app.example.com..", "app.example.com."],
    ["*.Example.com", "*.example.com"],
    ["_acme-challenge.Example.com.", "_acme-challenge.example.com"],
    ["  app.example.com. \t", "app.example.com"],
    ["Bücher.Example", "bücher.example"],
    [".", "."],
    [" . ", "."],
    ["", ""],
  ])("%j → %j", (name, expected) => {
    expect(normalizeHostname(name)).toBe(expected);
  });
});

// One validator replaced four (the explain, hostnames and lookup routes shared the lenient rule;
// the history query and the lookup command refused a label ending in "-"): the lenient one won,
// since a name Cloudflare holds must stay reachable.
describe("isHostname", () => {
  it.each([
    ["app.example.com", true],
    ["App.Example.COM.", true],
    ["*.example.com", true],
    ["_acme-challenge.example.com", true],
    ["a-.example.com", true],
    ["localhost", true],
    [`${"a".repeat(63)}.example.com`, true],
    [`${"a".repeat(64)}.example.com`, false],
    [`${"a.".repeat(126)}a`, true],
    [`${"a.".repeat(126)}ab`, false],
    ["", false],
    [".", false],
    ["-app.example.com", false],
    ["app..example.com", false],
    ["a.*.example.com", false],
    ["not a host!", false],
    ["%", false],
    ["app.example.com/x", false],
  ])("%j → %j", (name, ok) => {
    expect(isHostname(name)).toBe(ok);
  });
});

// Each former spelling of the rule, as it read at its call site before normalizeHostname
// replaced it, and the inputs on which the one rule now answers differently, on purpose:
// - blanks: the sites that did not trim kept " app.example.com" apart from "app.example.com";
//   names read from Cloudflare or a records file never carry blanks, and a typed or annotated
//   name with them could never be joined to its record.
// - the root ".": it used to become "" (no name); it now stays ".", the name DoH answers give for
//   a null MX or an SRV "service not available" target. No hostname path accepts "." as a name.
// - the lower-case-only keys (record-states, events, apply units, what-if consequences, the
//   proxied reason) now also drop a trailing dot, so a DNSEndpoint's "app.example.com." joins the
//   record and the reasons of "app.example.com" as the planner joins them (normalizeDNSName).
const INPUTS = [
  "app.example.com",
  "App.Example.COM",
  "app.example.com.",
  "APP.example.com.",
  "app.example.com..",
  "*.Example.com",
  " app.example.com",
  "app.example.com. ",
  "\tApp.Example.com.\n",
  ".",
  "",
];

type Former = { site: string; former: (s: string) => string; now: Record<string, string> };
const BLANKS = { " app.example.com": "app.example.com", "app.example.com. ": "app.example.com", "\tApp.Example.com.\n": "app.example.com" };
const ROOT = { ".": "." };
const DOTS = { "app.example.com.": "app.example.com", "APP.example.com.": "app.example.com", "app.example.com..": "app.example.com." };

const FORMER: Former[] = [
  {
    site: "lib/externaldns/provider/cloudflare/zones.ts (zone matching)",
    former: (name) => {
      const lower = name.trim().toLowerCase();
      return lower.endsWith(".") ? lower.slice(0, -1) : lower;
    },
    now: ROOT,
  },
  {
    site: "lib/externaldns/provider/cloudflare/records.ts normalizeName (record names)",
    former: (name) => {
      const lower = name.toLowerCase();
      return lower.endsWith(".") ? lower.slice(0, -1) : lower;
    },
    now: { ...BLANKS, ...ROOT },
  },
  { site: "lib/externaldns/explain.ts normalizeHostname", former: (n) => n.trim().replace(/\.$/, "").toLowerCase(), now: ROOT },
  { site: "lib/externaldns/reason-hosts.ts reasonHost", former: (n) => n.toLowerCase().replace(/\.$/, ""), now: { ...BLANKS, ...ROOT } },
  { site: "lib/externaldns/plan.ts hostOf", former: (n) => n.trim().toLowerCase().replace(/\.$/, ""), now: ROOT },
  { site: "lib/externaldns/registry/txt.ts (txt-name-too-long reason)", former: (n) => n.toLowerCase().replace(/\.$/, ""), now: { ...BLANKS, ...ROOT } },
  { site: "lib/externaldns/provider/cloudflare/proxied.ts (invalid proxied reason)", former: (n) => n.toLowerCase(), now: { ...DOTS, " app.example.com": "app.example.com", "app.example.com. ": "app.example.com", "\tApp.Example.com.\n": "app.example.com" } },
  { site: "lib/cloudflare/records-file.ts", former: (n) => n.replace(/\.$/, "").toLowerCase(), now: { ...BLANKS, ...ROOT } },
  {
    site: "lib/doh/wire.ts normalizeName",
    former: (name) => {
      const n = name.trim().toLowerCase();
      return n.endsWith(".") && n !== "." ? n.slice(0, -1) : n;
    },
    now: {},
  },
  { site: "lib/drift/protected-names.ts", former: (s) => s.trim().toLowerCase().replace(/\.$/, ""), now: ROOT },
  { site: "lib/drift/host-path.ts (DNSEndpoint join)", former: (n) => n.toLowerCase().replace(/\.$/, ""), now: { ...BLANKS, ...ROOT } },
  { site: "lib/drift/record-states.ts (labels key)", former: (n) => n.toLowerCase(), now: { ...DOTS, ...BLANKS } },
  { site: "lib/drift/what-if/consequences.ts (existing names)", former: (n) => n.toLowerCase(), now: { ...DOTS, ...BLANKS } },
  { site: "lib/server/events.ts (resource by name)", former: (n) => n.toLowerCase(), now: { ...DOTS, ...BLANKS } },
  { site: "lib/cloudflare/apply-units.ts (unit name)", former: (n) => n.toLowerCase(), now: { ...DOTS, ...BLANKS } },
  {
    site: "lib/drift/service-views.ts (annotated hostnames shown per Service)",
    former: (h) => h.replace(/\.$/, ""),
    // Now shown lower-case, as the records and the hostname pages name them.
    now: { "App.Example.COM": "app.example.com", "APP.example.com.": "app.example.com", "*.Example.com": "*.example.com", ...BLANKS, "\tApp.Example.com.\n": "app.example.com", ...ROOT },
  },
  { site: "lib/server/history/http.ts (?hostname=)", former: (s) => s.trim().toLowerCase().replace(/\.$/, ""), now: ROOT },
  { site: "app/api/hostnames/[hostname]/route.ts", former: (n) => n.toLowerCase().replace(/\.$/, ""), now: { ...BLANKS, ...ROOT } },
  { site: "app/hostnames/[fqdn]/page.tsx", former: (n) => n.trim().toLowerCase().replace(/\.$/, ""), now: ROOT },
  { site: "components/history/activity-page.tsx (hostname filter)", former: (n) => n.trim().toLowerCase(), now: { "app.example.com.": "app.example.com", "APP.example.com.": "app.example.com", "app.example.com..": "app.example.com.", "app.example.com. ": "app.example.com", "\tApp.Example.com.\n": "app.example.com" } },
];

describe("every former call site keeps its answer, or changes it on purpose", () => {
  const cases = FORMER.flatMap(({ site, former, now }) => INPUTS.map((input) => ({ site, input, former, changed: now[input] })));
  it.each(cases)("$site on $input", ({ input, former, changed }) => {
    if (changed === undefined) {
      expect(normalizeHostname(input)).toBe(former(input));
    } else {
      expect(former(input)).not.toBe(changed);
      expect(normalizeHostname(input)).toBe(changed);
    }
  });
});
