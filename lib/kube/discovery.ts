// Which external-dns instances dnsdrift predicts for: found in the cluster (one per Deployment
// matching the chart's labels, config read from its container) or configured (a Helm values or
// args file, or arguments given programmatically), with version and annotation-prefix overrides.

import fs from "node:fs";
import path from "node:path";
import { configFromArgs, configFromHelmValues, parseConfigText, type ConfigOverrides } from "../externaldns/config";
import { InputError } from "../externaldns/errors";
import { parseSelector } from "../externaldns/label-selector";
import type { ConfigIssue } from "../externaldns/types";
import { parseVersion, versionFromImage } from "../externaldns/version";
import type { ExternalDnsInstance } from "../server/ports";
import type { ConfigSource } from "../drift/what-if/config-source";
import { containerArgs, findExternalDnsContainer, type ContainerLike } from "./container-args";

export interface StaticInstanceOptions {
  id: string;
  args?: string[];
  helmValues?: unknown;
  /** A Helm values or args file's text, read with parseConfigText. */
  configText?: string;
  /** Where configText came from (named in errors). */
  file?: string;
  version?: string;
  annotationPrefix?: string;
  /** Default "config-file". */
  origin?: "config-file" | "environment";
}

export interface DiscoveryOptions {
  mode: "discover" | "static";
  /** Label selector for external-dns Deployments; default DEFAULT_SELECTOR. */
  selector?: string;
  /** Only look in this namespace; default all namespaces. */
  namespace?: string;
  static?: StaticInstanceOptions[];
  /** Win over image tags and flags of every instance. */
  overrides?: { version?: string; annotationPrefix?: string };
}

/** The label the external-dns Helm chart (and most manifests derived from it) puts on its Deployment. */
export const DEFAULT_SELECTOR = "app.kubernetes.io/name=external-dns";

export interface DeploymentLike {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: { replicas?: number; template?: { spec?: { containers?: ContainerLike[] } } };
}

export function selectorOf(opts: DiscoveryOptions): string {
  return opts.selector ?? DEFAULT_SELECTOR;
}

const warn = (flag: string, message: string): ConfigIssue => ({ severity: "warning", flag, message });

/** The instance a Deployment runs, or undefined when none of its containers is external-dns. */
export function instanceFromDeployment(deploy: DeploymentLike, overrides: ConfigOverrides = {}): ExternalDnsInstance | undefined {
  const container = findExternalDnsContainer(deploy.spec?.template?.spec?.containers);
  if (!container) return undefined;
  const { args, env, issues } = containerArgs(container);
  const fromImage = container.image ? versionFromImage(container.image) : undefined;
  if (overrides.version === undefined && container.image && !fromImage) {
    issues.push(warn("image", `the image tag of ${container.image} is not a version; set DNSDRIFT_EXTERNALDNS_VERSION to the external-dns release it runs`));
  }
  const config = configFromArgs(args, { version: overrides.version ?? fromImage?.raw, annotationPrefix: overrides.annotationPrefix, env });
  if (deploy.spec?.replicas === 0) {
    issues.push(warn("replicas", "the Deployment is scaled to 0 replicas: external-dns is not running, so nothing is applied until it is scaled up"));
  }
  config.issues.push(...issues);
  const ns = deploy.metadata?.namespace ?? "default";
  const source = { kind: "args" as const, args, version: overrides.version ?? fromImage?.raw, annotationPrefix: overrides.annotationPrefix };
  return { id: `${ns}/${deploy.metadata?.name ?? ""}`, origin: "deployment", config, source, ...(container.image ? { image: container.image } : {}) };
}

/** A configured instance; malformed input throws an InputError naming the file or instance. */
export function staticInstance(entry: StaticInstanceOptions, overrides: DiscoveryOptions["overrides"] = {}): ExternalDnsInstance {
  const opts: ConfigOverrides = {
    version: entry.version ?? overrides.version,
    annotationPrefix: entry.annotationPrefix ?? overrides.annotationPrefix,
  };
  let config;
  let source: ConfigSource;
  const file = entry.file ?? entry.id;
  if (entry.configText !== undefined) {
    config = parseConfigText(entry.configText, file, opts);
    source = { kind: "text", text: entry.configText, file, ...opts };
  } else if (entry.helmValues !== undefined) {
    config = configFromHelmValues(entry.helmValues, opts);
    source = { kind: "helm", values: entry.helmValues, file, ...opts };
  } else if (entry.args !== undefined) {
    config = configFromArgs(entry.args, opts);
    source = { kind: "args", args: entry.args, file, ...opts };
  } else throw new InputError(file, "a configured external-dns instance needs args, Helm values or a config file");
  return { id: entry.id, origin: entry.origin ?? "config-file", config, source };
}

export function staticInstances(opts: DiscoveryOptions): ExternalDnsInstance[] {
  return (opts.static ?? []).map((e) => staticInstance(e, opts.overrides));
}

/** The "no instance found" explanation shown as the cluster/deployments health. */
export function noDeploymentMessage(opts: DiscoveryOptions, deploymentsSeen: number): string {
  const where = opts.namespace ? `namespace ${opts.namespace}` : "any namespace";
  const what =
    deploymentsSeen > 0
      ? `${deploymentsSeen} Deployment(s) match ${selectorOf(opts)} in ${where}, but none runs an external-dns container`
      : `no Deployment matches ${selectorOf(opts)} in ${where}`;
  return (
    `No external-dns instance found: ${what}. Set DNSDRIFT_EXTERNALDNS_SELECTOR to the label selector of your external-dns ` +
    `Deployment (e.g. app=external-dns) and/or DNSDRIFT_EXTERNALDNS_NAMESPACE, or point DNSDRIFT_EXTERNALDNS_CONFIG at its ` +
    `Helm values or argument list (plus DNSDRIFT_EXTERNALDNS_VERSION) to configure it without discovery.`
  );
}

type Env = Record<string, string | undefined>;

/**
 * Discovery settings from the environment: DNSDRIFT_EXTERNALDNS_SELECTOR, _NAMESPACE, _VERSION,
 * DNSDRIFT_ANNOTATION_PREFIX, and DNSDRIFT_EXTERNALDNS_CONFIG (one or more comma-separated
 * files → static mode, one instance per file). Files are read and checked here, so a bad
 * setting fails at start with an InputError naming it.
 */
export function loadDiscoveryOptionsFromEnv(env: Env, readFile: (file: string) => string = (f) => fs.readFileSync(f, "utf8")): DiscoveryOptions {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const overrides: NonNullable<DiscoveryOptions["overrides"]> = {};
  const version = value("DNSDRIFT_EXTERNALDNS_VERSION");
  if (version !== undefined) {
    try {
      parseVersion(version);
    } catch (e) {
      throw new InputError("DNSDRIFT_EXTERNALDNS_VERSION", (e as Error).message);
    }
    overrides.version = version;
  }
  const prefix = value("DNSDRIFT_ANNOTATION_PREFIX");
  if (prefix !== undefined) overrides.annotationPrefix = prefix;

  const opts: DiscoveryOptions = { mode: "discover" };
  if (Object.keys(overrides).length > 0) opts.overrides = overrides;
  const selector = env.DNSDRIFT_EXTERNALDNS_SELECTOR?.trim();
  if (selector !== undefined && selector !== "") {
    try {
      parseSelector(selector);
    } catch (e) {
      throw new InputError("DNSDRIFT_EXTERNALDNS_SELECTOR", (e as Error).message);
    }
    opts.selector = selector;
  }
  const namespace = value("DNSDRIFT_EXTERNALDNS_NAMESPACE");
  if (namespace !== undefined) opts.namespace = namespace;

  const files = (value("DNSDRIFT_EXTERNALDNS_CONFIG") ?? "").split(",").map((f) => f.trim()).filter(Boolean);
  if (files.length > 0) {
    opts.mode = "static";
    opts.static = files.map((file) => {
      let text: string;
      try {
        text = readFile(file);
      } catch (e) {
        throw new InputError(file, `cannot read (DNSDRIFT_EXTERNALDNS_CONFIG): ${(e as Error).message}`);
      }
      const entry: StaticInstanceOptions = {
        id: files.length === 1 ? "external-dns" : path.basename(file).replace(/\.[^.]*$/, ""),
        configText: text,
        file,
        origin: "config-file",
      };
      staticInstance(entry, overrides); // throws now rather than on the first snapshot
      return entry;
    });
  }
  return opts;
}
