// A --config file in any of its forms → Config. Everything else about the configuration is in
// config-core.ts (re-exported here); this module adds the YAML reader, so that a caller that does
// not need it (the CLI, for an argument list) can import config-core alone and skip loading `yaml`.

import { configFromArgs, configFromSimpleText, helmConfig, type ConfigOverrides } from "./config-core";
import { typeName } from "./config-helm";
import { InputError } from "./errors";
import { parseHelmYaml } from "./helm-yaml";
import type { Config } from "./types";

export * from "./config-core";

/** Reads a --config file in any of its forms; malformed input throws an InputError naming the file. */
export function parseConfigText(text: string, fileName: string, opts: ConfigOverrides = {}): Config {
  const simple = configFromSimpleText(text, fileName, opts);
  if (simple) return simple;
  const data: unknown = parseHelmYaml(text, fileName);
  if (Array.isArray(data)) {
    data.forEach((a, i) => {
      if (typeof a !== "string") throw new InputError(fileName, `expected a string, got ${typeName(a)}`, `[${i}]`);
    });
    return configFromArgs(data as string[], opts);
  }
  if (data !== null && typeof data === "object") return helmConfig(data, fileName, opts);
  throw new InputError(fileName, `expected Helm values (a mapping) or a list of external-dns arguments, got ${typeName(data)}`);
}
