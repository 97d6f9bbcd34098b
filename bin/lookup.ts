// `dnsdrift lookup HOSTNAME`: what public resolvers answer over DNS-over-HTTPS, judged against
// an expectation given on the command line (--expect, --proxied). Resolver failures are part of
// the output, not errors; only bad arguments end in exit code 1.

import fs from "node:fs";
import { parseArgs } from "node:util";
import ipaddr from "ipaddr.js";
import type { DesiredJSON } from "../lib/drift/plan-json";
import { createDohClient } from "../lib/doh/client";
import { lookupHostname } from "../lib/doh/lookup";
import { ansiTextStyle, isGoodVerdict, plainTextStyle, renderLookupText } from "../lib/doh/render-text";
import { DEFAULT_RESOLVERS, resolversFromUrls } from "../lib/doh/resolvers";
import type { HostLookup, Resolver } from "../lib/doh/types";
import { isHostname, normalizeHostname } from "../lib/externaldns/hostname";
import { cliSettingsFromEnv } from "../lib/server/settings";

export const LOOKUP_USAGE = `Usage:
  dnsdrift lookup HOSTNAME [--resolver URL …] [--expect TYPE=TARGET …] [--proxied] [--output json|text] [--timeout ms]

Options:
  --resolver URL         an RFC 8484 endpoint (repeatable; default: Cloudflare and Google)
  --expect TYPE=TARGET   the record wanted, e.g. A=192.0.2.10, AAAA=2001:db8::1, CNAME=lb.example.net (repeatable)
  --proxied              the record is proxied by Cloudflare: expect Cloudflare edge addresses
  --ownership-txt NAME   also check that this ownership TXT record is visible (repeatable)
  --timeout ms           per question (default 3000)
  --ca FILE              extra CA certificate (PEM) to trust for the resolvers
  --output json|text     default text
  --detailed-exitcode    exit 2 when the verdict is not good (default: 0 whenever the lookup ran)
  --no-color             plain text output
`;

export interface LookupIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

class UsageError extends Error {}

function parseExpect(host: string, specs: string[], proxied: boolean): DesiredJSON[] {
  const byType = new Map<string, string[]>();
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    if (eq <= 0 || eq === spec.length - 1) throw new UsageError(`--expect ${spec}: want TYPE=TARGET, e.g. A=192.0.2.10`);
    const type = spec.slice(0, eq).trim().toUpperCase();
    const target = spec.slice(eq + 1).trim();
    if (type === "A" && !ipaddr.IPv4.isValidFourPartDecimal(target)) throw new UsageError(`--expect ${spec}: not an IPv4 address`);
    if (type === "AAAA" && !ipaddr.IPv6.isValid(target)) throw new UsageError(`--expect ${spec}: not an IPv6 address`);
    if (type === "CNAME" && !isHostname(normalizeHostname(target))) throw new UsageError(`--expect ${spec}: not a hostname`);
    byType.set(type, [...(byType.get(type) ?? []), type === "CNAME" ? normalizeHostname(target) : target]);
  }
  if (byType.get("CNAME") && byType.get("CNAME")!.length > 1) throw new UsageError("--expect: a name has at most one CNAME");
  const desired = [...byType].map(([type, targets]) => ({ name: host, type, targets, ttl: 0, proxied, resource: "cli" }));
  // --proxied alone: "is this name proxied?", whatever the origin is.
  if (proxied && desired.length === 0) desired.push({ name: host, type: "A", targets: [], ttl: 0, proxied: true, resource: "cli" });
  return desired;
}

function parseResolvers(urls: string[]): Resolver[] {
  if (urls.length === 0) return [...DEFAULT_RESOLVERS];
  try {
    return resolversFromUrls(urls);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function readCa(file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`--ca ${file}: cannot read: ${(e as Error).message}`);
  }
}

function exitCode(lookup: HostLookup, hasExpectation: boolean): number {
  if (!hasExpectation) return lookup.verdict === "not-desired-but-resolves" ? 0 : 2;
  return isGoodVerdict(lookup.verdict) ? 0 : 2;
}

export async function runLookup(argv: string[], io: LookupIO): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        resolver: { type: "string", multiple: true },
        expect: { type: "string", multiple: true },
        proxied: { type: "boolean", default: false },
        "ownership-txt": { type: "string", multiple: true },
        output: { type: "string", default: "text" },
        timeout: { type: "string" },
        ca: { type: "string" },
        "detailed-exitcode": { type: "boolean", default: false },
        "no-color": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    io.stderr(`dnsdrift lookup: ${(e as Error).message}\n${LOOKUP_USAGE}`);
    return 1;
  }
  if (values.help) {
    io.stdout(LOOKUP_USAGE);
    return 0;
  }
  if (positionals[0] === "lookup") positionals = positionals.slice(1);

  let client;
  try {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "HOSTNAME is required" : `one HOSTNAME only, got: ${positionals.join(" ")}`);
    const host = normalizeHostname(positionals[0]);
    if (!isHostname(host)) throw new UsageError(`${positionals[0]}: not a hostname`);
    if (values.output !== "json" && values.output !== "text") throw new UsageError(`--output ${values.output}: must be json or text`);
    const timeoutMs = values.timeout === undefined ? 3000 : Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout ${values.timeout}: must be a positive number of milliseconds`);
    const desired = parseExpect(host, values.expect ?? [], values.proxied);
    client = createDohClient({ resolvers: parseResolvers(values.resolver ?? []), timeoutMs, ca: readCa(values.ca), extraCaCertsFile: cliSettingsFromEnv().extraCaCertsFile });
    const lookup = await lookupHostname(client, host, desired, { ownershipTxtNames: values["ownership-txt"]?.map(normalizeHostname) });
    if (values.output === "json") io.stdout(JSON.stringify({ ...lookup, desired }, null, 2) + "\n");
    else io.stdout(renderLookupText(lookup, desired, io.isTTY && !values["no-color"] ? ansiTextStyle : plainTextStyle));
    return values["detailed-exitcode"] ? exitCode(lookup, desired.length > 0) : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`dnsdrift lookup: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    client?.close();
  }
}
