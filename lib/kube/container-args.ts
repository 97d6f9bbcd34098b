// The argument list external-dns runs with, from its Deployment's container: `command` and
// `args` with Kubernetes' $(VAR) expansion, plus the EXTERNAL_DNS_* environment variables, which
// the flag reader applies (kingpin reads them for the flags of that release not given as args).

import { unmodelledConfig } from "../externaldns/config-flags";
import { expandVars } from "../externaldns/config-helm";
import type { ConfigIssue } from "../externaldns/types";

export { expandVars };

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

function looksLikeBinary(word: string | undefined): boolean {
  return word !== undefined && /(^|\/)external-dns$/.test(word);
}


/**
 * The arguments and EXTERNAL_DNS_* variables external-dns parses (`null`: a value from a Secret or
 * ConfigMap), with what could not be read from the Deployment.
 */
export function containerArgs(container: ContainerLike): { args: string[]; env: Record<string, string | null>; issues: ConfigIssue[] } {
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
    else issues.push(unmodelledConfig("command", `container command "${command.join(" ")}" does not run external-dns directly; only its args are read, so what it runs with is unknown`));
  }
  argv.push(...(container.args ?? []));
  const args = argv.map((a) => expandVars(a, vars));

  for (const a of args) {
    for (const m of a.matchAll(/\$\(([^)]*)\)/g)) {
      if (fromRefs.has(m[1])) {
        issues.push(unmodelledConfig(a.split("=")[0], `"${a}" uses $(${m[1]}), which comes from a Secret or ConfigMap that dnsdrift does not read, so its value is unknown`));
      }
    }
  }

  // A name defined twice: the later definition wins, as in the pod.
  const env: Record<string, string | null> = {};
  for (const e of container.env ?? []) {
    if (!e.name.startsWith(ENV_PREFIX)) continue;
    env[e.name] = fromRefs.has(e.name) && e.valueFrom !== undefined && e.valueFrom !== null ? null : (vars.get(e.name) ?? "");
  }
  if ((container.envFrom ?? []).length > 0) {
    issues.push(unmodelledConfig("envFrom", "the container reads variables from envFrom (ConfigMap/Secret), which dnsdrift does not read; EXTERNAL_DNS_* variables set there are unknown"));
  }
  return { args, env, issues };
}
