// Everything the server reads from its environment, in one place, validated once at start.
// Secrets stay here: nothing in this object is ever serialised to a response or a log.

import { authSettingsFromEnv, type AuthSettings } from "./auth/config";
import { DEFAULT_CHANGE_SHARE, DEFAULT_MIN_OWNED } from "../drift/safety";
import { parseProtectedNames, ProtectedNamesError } from "../drift/protected-names";

export type Mode = "live" | "snapshot" | "demo";

export interface Settings {
  mode: Mode;
  refreshSeconds: number;
  /** Forced refreshes of all users share one Cloudflare listing per this many seconds. */
  forceRefreshSeconds: number;
  /** Cloudflare calls per 5 minutes dnsdrift allows itself, and where it starts backing off. */
  cloudflareBudget: { limit: number; softLimit: number };
  /** `config` empty: external-dns Deployments found in the manifests are used, as in live mode. */
  snapshot?: { manifests: string[]; records: string; config: string };
  cloudflare?: { token: string; baseURL?: string; writeToken?: string };
  writesEnabled: boolean;
  /** Who may view and who may approve (lib/server/auth/config.ts documents the variables). */
  auth: AuthSettings;
  /** When an approval needs the typed confirmation (lib/drift/safety.ts). */
  safety: SafetySettings;
}

export interface SafetySettings {
  /** DNSDRIFT_CONFIRM_CHANGE_PERCENT / 100: share of a zone's owned records a plan may change unconfirmed. */
  changeShare: number;
  /** DNSDRIFT_CONFIRM_MIN_OWNED: the share applies once a zone owns at least this many records. */
  minOwned: number;
  /** DNSDRIFT_PROTECTED_NAMES: comma-separated globs that always need confirming. */
  protectedNames: string[];
}

function list(value: string | undefined): string[] {
  return (value ?? "").split(/[,:]/).map((s) => s.trim()).filter(Boolean);
}

export class SettingsError extends Error {}

export function safetySettingsFromEnv(env: Record<string, string | undefined> = process.env): SafetySettings {
  const percentText = env.DNSDRIFT_CONFIRM_CHANGE_PERCENT?.trim();
  const percent = percentText ? Number(percentText.replace(/%$/, "")) : DEFAULT_CHANGE_SHARE * 100;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new SettingsError(`DNSDRIFT_CONFIRM_CHANGE_PERCENT must be a percentage from 0 to 100, got "${env.DNSDRIFT_CONFIRM_CHANGE_PERCENT}"`);
  }
  const minText = env.DNSDRIFT_CONFIRM_MIN_OWNED?.trim();
  const minOwned = minText ? Number(minText) : DEFAULT_MIN_OWNED;
  if (!Number.isInteger(minOwned) || minOwned < 0) {
    throw new SettingsError(`DNSDRIFT_CONFIRM_MIN_OWNED must be a whole number ≥ 0, got "${env.DNSDRIFT_CONFIRM_MIN_OWNED}"`);
  }
  try {
    return { changeShare: percent / 100, minOwned, protectedNames: parseProtectedNames(env.DNSDRIFT_PROTECTED_NAMES) };
  } catch (e) {
    if (e instanceof ProtectedNamesError) throw new SettingsError(`DNSDRIFT_PROTECTED_NAMES: ${e.message}`);
    throw e;
  }
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): Settings {
  const mode = (env.DNSDRIFT_MODE ?? (env.DNSDRIFT_SNAPSHOT_RECORDS ? "snapshot" : "live")) as Mode;
  if (!["live", "snapshot", "demo"].includes(mode)) {
    throw new SettingsError(`DNSDRIFT_MODE must be live, snapshot or demo, got "${mode}"`);
  }
  const refreshSeconds = Number(env.DNSDRIFT_REFRESH_SECONDS ?? "30");
  if (!Number.isFinite(refreshSeconds) || refreshSeconds < 1) {
    throw new SettingsError(`DNSDRIFT_REFRESH_SECONDS must be a number of seconds ≥ 1, got "${env.DNSDRIFT_REFRESH_SECONDS}"`);
  }
  const forceRefreshSeconds = Number(env.DNSDRIFT_FORCE_REFRESH_SECONDS ?? "5");
  if (!Number.isFinite(forceRefreshSeconds) || forceRefreshSeconds < 0) {
    throw new SettingsError(`DNSDRIFT_FORCE_REFRESH_SECONDS must be a number of seconds ≥ 0, got "${env.DNSDRIFT_FORCE_REFRESH_SECONDS}"`);
  }
  const limit = Number(env.DNSDRIFT_CLOUDFLARE_BUDGET ?? "600");
  if (!Number.isInteger(limit) || limit < 10) {
    throw new SettingsError(`DNSDRIFT_CLOUDFLARE_BUDGET must be a whole number of calls per 5 minutes ≥ 10, got "${env.DNSDRIFT_CLOUDFLARE_BUDGET}"`);
  }
  const softLimit = Number(env.DNSDRIFT_CLOUDFLARE_BUDGET_SOFT ?? String(Math.floor(limit / 2)));
  if (!Number.isInteger(softLimit) || softLimit < 1 || softLimit > limit) {
    throw new SettingsError(`DNSDRIFT_CLOUDFLARE_BUDGET_SOFT must be a whole number of calls between 1 and DNSDRIFT_CLOUDFLARE_BUDGET, got "${env.DNSDRIFT_CLOUDFLARE_BUDGET_SOFT}"`);
  }
  const settings: Settings = { mode, refreshSeconds, forceRefreshSeconds, cloudflareBudget: { limit, softLimit }, writesEnabled: env.DNSDRIFT_WRITES === "enabled", auth: authSettingsFromEnv(env), safety: safetySettingsFromEnv(env) };
  if (mode === "snapshot") {
    const manifests = list(env.DNSDRIFT_SNAPSHOT_MANIFESTS);
    const records = env.DNSDRIFT_SNAPSHOT_RECORDS ?? "";
    const config = env.DNSDRIFT_EXTERNALDNS_CONFIG ?? "";
    if (!manifests.length || !records) {
      throw new SettingsError(
        "snapshot mode needs DNSDRIFT_SNAPSHOT_MANIFESTS (files or directories) and DNSDRIFT_SNAPSHOT_RECORDS (records JSON); DNSDRIFT_EXTERNALDNS_CONFIG (Helm values or args) unless the manifests hold the external-dns Deployment",
      );
    }
    settings.snapshot = { manifests, records, config };
  } else {
    const token = env.CF_API_TOKEN ?? "";
    settings.cloudflare = {
      token,
      ...(env.CF_API_BASE_URL ? { baseURL: env.CF_API_BASE_URL } : {}),
      ...(env.CF_API_WRITE_TOKEN ? { writeToken: env.CF_API_WRITE_TOKEN } : {}),
    };
  }
  return settings;
}
