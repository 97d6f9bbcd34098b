// The `dnsdrift` command line (docs/cli.md): plan and explain from files. Every failure on
// bad input ends in one line naming the file and what is wrong, and exit code 1.

import fs from "node:fs";
import { parseArgs } from "node:util";
import { InputError } from "../lib/externaldns/errors";
import type { RunOptions } from "../lib/externaldns/types";
import { configFromSimpleText, type ConfigOverrides } from "../lib/externaldns/config-core";
import { parseVersion } from "../lib/externaldns/version";
import { readRecordsFile } from "../lib/cloudflare/records-document";
import { loadManifestsLazily } from "../lib/kube/manifest-load";
import { readCurrentState, runPipeline, type CurrentState, type PipelineResult } from "../lib/drift/pipeline";
import { emptyClusterObjects } from "../lib/kube/classify";
import { sourcesThreadMode, startSourcesThread, type SourcesThread, type SourcesThreadMode } from "./sources-thread";
import { explainHostname, planDocument } from "../lib/drift/plan-json";
import { colorStyle, plainStyle, renderExplainText, renderPlanText } from "../lib/drift/plan-text";

const USAGE = `Usage:
  dnsdrift plan    --config FILE --manifests PATH [--manifests PATH …] --records FILE [--output json|text] [--detailed-exitcode]
  dnsdrift explain HOSTNAME --config FILE --manifests PATH … --records FILE [--output json|text]
  dnsdrift lookup  HOSTNAME [--resolver URL …] [--expect TYPE=TARGET …] [--proxied] [--output json|text]
  dnsdrift what-if --config FILE --manifests PATH … --records FILE [--to-version vX.Y.Z] [--arg=--flag=value …] [--next-config FILE] [--output json|text] [--detailed-exitcode]

Options:
  --external-dns-version vX.Y.Z   the external-dns release to reproduce (default: the image tag in --config)
  --annotation-prefix P           the annotation prefix external-dns reads (default: follows the version)
  --release-namespace NS          the Helm release's namespace, for values with namespaced: true
  --no-color                      plain text output
`;

class UsageError extends Error {}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  /** DNSDRIFT_SOURCES_THREAD as the launcher read it (bin/dnsdrift.cjs: only it and settings.ts read the environment). */
  sourcesThread?: string;
}

/** `parallel`: the sources may run on a worker thread (sources-thread.ts); the result then has no objects. */
async function load(values: Record<string, unknown>, opts: RunOptions = {}, parallel: SourcesThreadMode = "off"): Promise<PipelineResult> {
  const configFile = values.config as string | undefined;
  const manifests = (values.manifests as string[] | undefined) ?? [];
  const recordsFile = values.records as string | undefined;
  if (!configFile) throw new UsageError("--config is required");
  if (manifests.length === 0) throw new UsageError("--manifests is required (a file or directory; repeatable)");
  if (!recordsFile) throw new UsageError("--records is required");

  const version = values["external-dns-version"] as string | undefined;
  if (version !== undefined) {
    try {
      parseVersion(version);
    } catch (e) {
      throw new UsageError(`--external-dns-version: ${(e as Error).message}`);
    }
  }
  let configText: string;
  try {
    configText = fs.readFileSync(configFile, "utf8");
  } catch (e) {
    throw new InputError(configFile, `cannot read: ${(e as Error).message}`);
  }
  const overrides = {
    version: values["external-dns-version"] as string | undefined,
    annotationPrefix: values["annotation-prefix"] as string | undefined,
    releaseNamespace: values["release-namespace"] as string | undefined,
  };
  const narrate = opts.narrate !== false;
  const thread = startSourcesThread({ configText, configFile, overrides, manifests, narrate }, parallel);
  try {
    return await loadWith(thread, { configText, configFile, overrides, manifests, recordsFile }, opts);
  } finally {
    thread?.cancel();
  }
}

async function loadWith(
  thread: SourcesThread | undefined,
  input: { configText: string; configFile: string; overrides: ConfigOverrides; manifests: string[]; recordsFile: string },
  opts: RunOptions,
): Promise<PipelineResult> {
  const { configText, configFile, overrides, manifests, recordsFile } = input;
  // The YAML reader (and `yaml`, ~25 ms to load) only for Helm values and unusual argument lists.
  const config =
    configFromSimpleText(configText, configFile, overrides) ??
    (await import("../lib/externaldns/config")).parseConfigText(configText, configFile, overrides);
  const fatal = config.issues.filter((i) => i.severity === "error");
  if (fatal.length > 0) {
    throw new InputError(
      configFile,
      `external-dns would refuse to start with this configuration: ` + fatal.map((i) => `${i.flag}: ${i.message}`).join("; "),
    );
  }
  if (thread) {
    // The records and the registry here, the manifests and the sources on the worker. A records
    // error counts only once the manifests are known to be good: they are read first otherwise.
    let current: CurrentState | undefined;
    let recordsError: unknown;
    try {
      current = readCurrentState(config, await readRecordsFile(recordsFile));
    } catch (e) {
      recordsError = e;
    }
    const sources = await thread.result;
    if (sources && recordsError !== undefined) throw recordsError;
    // The result's objects stay empty: neither plan output reads them.
    if (sources && current) return runPipeline({ config, objects: emptyClusterObjects(), zones: current.zones, current, sources, ...opts });
  }
  const { objects } = await loadManifestsLazily(manifests);
  const zones = await readRecordsFile(recordsFile);
  return runPipeline({ config, objects, zones, ...opts });
}

function threadMode(io: CliIO): SourcesThreadMode {
  try {
    return sourcesThreadMode(io.sourcesThread);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: "string" },
        manifests: { type: "string", multiple: true },
        records: { type: "string" },
        output: { type: "string", default: "text" },
        "detailed-exitcode": { type: "boolean", default: false },
        "external-dns-version": { type: "string" },
        "annotation-prefix": { type: "string" },
        "release-namespace": { type: "string" },
        "no-color": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      io.stdout(USAGE);
      return values.help ? 0 : 1;
    }
    const output = values.output as string;
    if (output !== "json" && output !== "text") throw new UsageError(`--output must be json or text, got "${output}"`);
    const style = io.isTTY && !values["no-color"] ? colorStyle : plainStyle;

    if (command === "plan") {
      if (rest.length) throw new UsageError(`plan takes no positional arguments, got "${rest.join(" ")}"`);
      // Neither plan output prints the narration reasons (renderPlanText shows warnings and
      // blocked changes only), so the run skips building them.
      const result = await load(values, { narrate: false }, threadMode(io));
      // external-dns fails every loop (e.g. --fqdn-template fails on an object): no plan to show.
      if (result.stopped) throw new InputError(values.config as string, `external-dns would fail every loop and change nothing: ${result.stopped}`);
      const doc = planDocument(result);
      io.stdout(output === "json" ? JSON.stringify(doc, null, 2) + "\n" : renderPlanText(doc, result.reasons, result.config, style));
      // Withheld changes are still changes external-dns may make: not "nothing to do".
      const pending = doc.changes.length > 0 || (doc.blocked?.length ?? 0) > 0;
      return values["detailed-exitcode"] && pending ? 2 : 0;
    }
    if (command === "explain") {
      if (rest.length !== 1) throw new UsageError("explain needs exactly one HOSTNAME");
      const result = await load(values);
      const doc = explainHostname(result, rest[0]);
      io.stdout(output === "json" ? JSON.stringify(doc, null, 2) + "\n" : renderExplainText(doc, style));
      return 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`dnsdrift: ${e.message}\n`);
    } else if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`dnsdrift: ${(e as Error).message}\n\n${USAGE}`);
    } else {
      io.stderr(`dnsdrift: internal error: ${(e as Error).message}\n`);
      // Loaded here only: the settings module brings the server's dependencies (the Kubernetes
      // client among them), which would triple the CLI's start-up time.
      const { cliSettingsFromEnv } = await import("../lib/server/settings");
      if (cliSettingsFromEnv().debug) io.stderr(String((e as Error).stack) + "\n");
    }
    return 1;
  }
}
