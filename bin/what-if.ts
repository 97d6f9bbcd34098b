// `dnsdrift what-if`: what external-dns would do under another version or other flags, compared
// with what it does today, from files. Async only because --resolver asks public DNS which of
// the names it would delete resolve today.

import fs from "node:fs";
import { parseArgs } from "node:util";
import { InputError } from "../lib/externaldns/errors";
import { loadManifests } from "../lib/kube/snapshot";
import { loadRecordsFile } from "../lib/cloudflare/records-file";
import { createDohClient } from "../lib/doh/client";
import { lookupHostname } from "../lib/doh/lookup";
import { resolversFromUrls } from "../lib/doh/resolvers";
import type { Resolver } from "../lib/doh/types";
import { colorStyle, plainStyle } from "../lib/drift/plan-text";
import { currentConfig, nextConfig, type ConfigSource } from "../lib/drift/what-if/config-source";
import { renderWhatIfText } from "../lib/drift/what-if/render-text";
import { whatIf } from "../lib/drift/what-if/what-if";
import type { Config } from "../lib/externaldns/types";

export const WHAT_IF_USAGE = `Usage:
  dnsdrift what-if --config FILE --manifests PATH … --records FILE
      [--to-version vX.Y.Z] [--arg=--flag=value …] [--next-config FILE]
      [--output json|text] [--detailed-exitcode]

Options:
  --to-version vX.Y.Z     the external-dns release to compare with (v0.20.x, v0.21.x or v0.22.x)
  --arg=--flag=value      an external-dns flag to add or override (repeatable; every occurrence of the flag is replaced)
  --next-config FILE      a whole new Helm values or argument file instead of today's
  --resolver URL          ask this DoH resolver which names to be deleted resolve today (repeatable; off by default)
  --external-dns-version, --annotation-prefix   as for plan: describe today's external-dns
  --detailed-exitcode     exit 0 when nothing differs, 2 when something does (1 is bad input)
`;

interface IO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

class UsageError extends Error {}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(file, `cannot read ${what}: ${(e as Error).message}`);
  }
}

function refuseBroken(config: Config, file: string, which: string): void {
  const fatal = config.issues.filter((i) => i.severity === "error");
  if (fatal.length) {
    throw new InputError(file, `external-dns would refuse to start with ${which} configuration: ` + fatal.map((i) => `${i.flag}: ${i.message}`).join("; "));
  }
}

function resolvers(urls: string[]): Resolver[] {
  try {
    return resolversFromUrls(urls);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Names public DNS resolves today, among those the next plan would delete. */
async function resolving(names: string[], urls: string[]): Promise<Set<string>> {
  const client = createDohClient({ resolvers: resolvers(urls), timeoutMs: 3000 });
  try {
    const looked = await Promise.all(names.map((n) => lookupHostname(client, n, [])));
    return new Set(looked.filter((l) => l.verdict === "not-desired-but-resolves").map((l) => l.hostname));
  } finally {
    client.close();
  }
}

export async function runWhatIf(argv: string[], io: IO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: "string" },
        manifests: { type: "string", multiple: true },
        records: { type: "string" },
        "to-version": { type: "string" },
        arg: { type: "string", multiple: true },
        "next-config": { type: "string" },
        resolver: { type: "string", multiple: true },
        output: { type: "string", default: "text" },
        "detailed-exitcode": { type: "boolean", default: false },
        "external-dns-version": { type: "string" },
        "annotation-prefix": { type: "string" },
        "no-color": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      io.stdout(WHAT_IF_USAGE);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`what-if takes no positional arguments, got "${positionals.slice(1).join(" ")}"`);
    if (values.output !== "json" && values.output !== "text") throw new UsageError(`--output must be json or text, got "${values.output}"`);
    if (!values.config) throw new UsageError("--config is required");
    if (!values.manifests?.length) throw new UsageError("--manifests is required (a file or directory; repeatable)");
    if (!values.records) throw new UsageError("--records is required");
    if (!values["to-version"] && !values.arg?.length && !values["next-config"]) {
      throw new UsageError("say what changes: --to-version, --arg=--flag=value or --next-config");
    }

    const source: ConfigSource = {
      kind: "text",
      text: readText(values.config, "the configuration"),
      file: values.config,
      version: values["external-dns-version"],
      annotationPrefix: values["annotation-prefix"],
    };
    const config = currentConfig(source);
    refuseBroken(config, values.config, "today's");
    const nextFile = values["next-config"];
    const nextSource: ConfigSource | undefined = nextFile ? { kind: "text", text: readText(nextFile, "the next configuration"), file: nextFile } : undefined;
    const next = nextConfig(source, config, { toVersion: values["to-version"], args: values.arg, nextSource });
    refuseBroken(next, nextFile ?? values.config, "the next");

    const { objects } = loadManifests(values.manifests);
    const zones = loadRecordsFile(values.records);
    let doc = whatIf({ config, next, objects, zones });
    if (values.resolver?.length) {
      const deleted = [...new Set(doc.differences.filter((c) => c.action === "delete" && c.type !== "TXT").map((c) => c.name))];
      if (deleted.length) {
        const resolves = await resolving(deleted, values.resolver);
        doc = whatIf({ config, next, objects, zones, resolvesToday: (n) => resolves.has(n) });
      }
    }
    io.stdout(values.output === "json" ? JSON.stringify(doc, null, 2) + "\n" : renderWhatIfText(doc, io.isTTY && !values["no-color"] ? colorStyle : plainStyle));
    const differs = doc.differences.length + doc.vanishing.length > 0;
    return values["detailed-exitcode"] && differs ? 2 : 0;
  } catch (e) {
    if (e instanceof InputError) io.stderr(`dnsdrift: ${e.message}\n`);
    else if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) io.stderr(`dnsdrift what-if: ${(e as Error).message}\n\n${WHAT_IF_USAGE}`);
    else {
      io.stderr(`dnsdrift: internal error: ${(e as Error).message}\n`);
      // Loaded on this path only: the settings bring the Kubernetes client and zod, ~0.5 s of start-up.
      const { cliSettingsFromEnv } = await import("../lib/server/settings");
      if (cliSettingsFromEnv().debug) io.stderr(String((e as Error).stack) + "\n");
    }
    return 1;
  }
}
