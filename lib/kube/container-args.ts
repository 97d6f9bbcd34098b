// The argument list external-dns runs with, from its Deployment's container: `command` and
// `args` with Kubernetes' $(VAR) expansion, plus the EXTERNAL_DNS_* environment variables that
// kingpin reads for every flag not given on the command line (app.DefaultEnvars():
// EXTERNAL_DNS_ + the flag name upper-cased with "-" → "_"; list flags split on newlines).

import type { ConfigIssue } from "../externaldns/types";

export interface EnvVarLike {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

export interface ContainerLike {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVarLike[];
  envFrom?: unknown[];
}

const ENV_PREFIX = "EXTERNAL_DNS_";
/** kingpin's own flags (--help, --version): their envars never configure external-dns. */
const BUILTIN_ENVARS = new Set(["EXTERNAL_DNS_HELP", "EXTERNAL_DNS_VERSION", "EXTERNAL_DNS_HELP_LONG", "EXTERNAL_DNS_HELP_MAN", "EXTERNAL_DNS_COMPLETION_BASH", "EXTERNAL_DNS_COMPLETION_SCRIPT_BASH", "EXTERNAL_DNS_COMPLETION_SCRIPT_ZSH"]);

/** The image's repository without registry path, tag or digest: "external-dns" for registry.k8s.io/external-dns/external-dns:v0.20.0. */
function repositoryName(image: string): string {
  const noDigest = image.split("@")[0];
  const last = noDigest.slice(noDigest.lastIndexOf("/") + 1);
  return last.split(":")[0];
}

/** The external-dns container of a pod template: by image, else by name, else the only one. */
export function findExternalDnsContainer(containers: ContainerLike[] | undefined): ContainerLike | undefined {
  const list = containers ?? [];
  return (
    list.find((c) => c.image !== undefined && repositoryName(c.image).includes("external-dns")) ??
    list.find((c) => c.name === "external-dns") ??
    (list.length === 1 ? list[0] : undefined)
  );
}

/**
 * Kubernetes' expansion of $(VAR) in command, args and env values: a defined variable is
 * replaced, an undefined reference stays as written, "$$" is a literal "$".
 */
export function expandVars(text: string, vars: ReadonlyMap<string, string>): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "$" && text[i + 1] === "$") {
      out += "$";
      i++;
    } else if (c === "$" && text[i + 1] === "(") {
      const close = text.indexOf(")", i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const name = text.slice(i + 2, close);
      out += vars.has(name) ? vars.get(name) : text.slice(i, close + 1);
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

/** Flag names given on the command line ("--no-x" counts as "x"). */
function flagsGiven(args: string[]): Set<string> {
  const names = new Set<string>();
  for (const a of args) {
    if (!a.startsWith("--") || a === "--") continue;
    const name = a.slice(2).split("=")[0];
    names.add(name);
    if (name.startsWith("no-")) names.add(name.slice(3));
  }
  return names;
}

function looksLikeBinary(word: string | undefined): boolean {
  return word !== undefined && /(^|\/)external-dns$/.test(word);
}

const warn = (flag: string, message: string): ConfigIssue => ({ severity: "warning", flag, message });

/** The arguments external-dns parses, with warnings for what could not be read from the Deployment. */
export function containerArgs(container: ContainerLike): { args: string[]; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const vars = new Map<string, string>();
  const fromRefs = new Set<string>();
  for (const e of container.env ?? []) {
    if (e.valueFrom !== undefined && e.valueFrom !== null) {
      fromRefs.add(e.name);
      vars.delete(e.name);
    } else {
      vars.set(e.name, expandVars(e.value ?? "", vars));
      fromRefs.delete(e.name);
    }
  }

  const argv: string[] = [];
  const command = container.command ?? [];
  if (command.length > 0) {
    if (looksLikeBinary(command[0])) argv.push(...command.slice(1));
    else issues.push(warn("command", `container command "${command.join(" ")}" does not run external-dns directly; only its args are read`));
  }
  argv.push(...(container.args ?? []));
  const args = argv.map((a) => expandVars(a, vars));

  for (const a of args) {
    for (const m of a.matchAll(/\$\(([^)]*)\)/g)) {
      if (fromRefs.has(m[1])) {
        issues.push(warn(a.split("=")[0], `"${a}" uses $(${m[1]}), which comes from a Secret or ConfigMap that dnsdrift does not read; the reference is taken literally`));
      }
    }
  }

  const given = flagsGiven(args);
  // A name defined twice: the later definition wins, as in the pod.
  const lastByName = new Map((container.env ?? []).map((e) => [e.name, e] as const));
  for (const e of lastByName.values()) {
    if (!e.name.startsWith(ENV_PREFIX) || BUILTIN_ENVARS.has(e.name)) continue;
    const flag = e.name.slice(ENV_PREFIX.length).toLowerCase().replace(/_/g, "-");
    if (given.has(flag)) continue; // the command line wins over the environment
    if (fromRefs.has(e.name)) {
      issues.push(warn(`--${flag}`, `${e.name} comes from a Secret or ConfigMap (valueFrom) that dnsdrift does not read; --${flag} is not applied`));
      continue;
    }
    const value = vars.get(e.name) ?? "";
    if (value === "") continue; // kingpin ignores an empty variable
    for (const part of value.split(/\r?\n/)) args.push(`--${flag}=${part}`);
    given.add(flag);
  }
  if ((container.envFrom ?? []).length > 0) {
    issues.push(warn("envFrom", "the container reads variables from envFrom (ConfigMap/Secret), which dnsdrift does not read; EXTERNAL_DNS_* variables set there are not applied"));
  }
  return { args, issues };
}
