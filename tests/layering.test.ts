// The layering rules of eslint.config.mjs (docs/architecture.md) on wrong-way and right-way
// imports, linted as if they sat at the given path. If a rule stops matching (a renamed folder,
// a changed pattern), a wrong-way import here stops failing and so does this test.

import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("wrong-way imports are lint errors", () => {
  it.each([
    ["lib/externaldns/fixture.ts", 'import { createCloudflareReader } from "../cloudflare/reader";', "lib/externaldns imports nothing outside itself"],
    ["lib/externaldns/sources/fixture.ts", 'import type { SourceHealth } from "../../server/ports";', "lib/externaldns imports nothing outside itself"],
    ["lib/externaldns/provider/cloudflare/fixture.ts", 'import { runPipeline } from "../../../drift/pipeline";', "lib/externaldns imports nothing outside itself"],
    ["lib/externaldns/fixture.ts", 'import { settingsFromEnv } from "@/lib/server/settings";', "lib/externaldns imports nothing outside itself"],
    ["lib/externaldns/fixture.ts", 'import fs from "node:fs";', "lib/externaldns does no I/O"],
    ["lib/externaldns/registry/fixture.ts", 'import { performance } from "perf_hooks";', "lib/externaldns does no I/O"],
    ["lib/externaldns/fixture.ts", 'import Cloudflare from "cloudflare";', "lib/externaldns uses no SDK"],
    ["lib/externaldns/fixture.ts", 'import { KubeConfig } from "@kubernetes/client-node";', "lib/externaldns uses no SDK"],
    ["lib/drift/fixture.ts", 'import { createCloudflareReader } from "../cloudflare/reader";', "lib/drift does not import adapters"],
    ["lib/drift/fixture.ts", 'import { zoneForName } from "@/lib/cloudflare/records-file";', "lib/drift does not import adapters"],
    ["lib/drift/what-if/fixture.ts", 'import { settingsFromEnv } from "../../server/settings";', "lib/drift does not import adapters"],
    ["lib/drift/history/fixture.ts", 'import { createClusterReader } from "../../../lib/kube/reader";', "lib/drift does not import adapters"],
    ["lib/drift/fixture.ts", 'import { lookupHostname } from "../doh/lookup";', "lib/drift takes only types from lib/doh"],
    ["lib/cloudflare/fixture.ts", 'import { World } from "../server/world";', "lib/cloudflare takes only types from lib/server"],
    ["lib/kube/fixture.ts", 'import { runPipeline } from "../drift/pipeline";', "lib/kube takes only types from lib/server"],
    ["lib/doh/fixture.ts", 'import { desiredJSON } from "../drift/plan-json";', "lib/doh takes only types from lib/server"],
    ["lib/server/fixture.ts", 'import { Button } from "../../components/ui/button";', "lib/ never imports app"],
    ["lib/api/fixture.ts", 'import { desiredJSON } from "../drift/plan-json";', "lib/api is types only"],
    ["components/records/fixture.tsx", 'import { settingsFromEnv } from "@/lib/server/settings";', "components never import server code"],
    ["components/fixture.tsx", 'import { json } from "../lib/server/http";', "components never import server code"],
    ["components/ui/fixture.tsx", 'import { createCloudflareReader } from "../../lib/cloudflare/reader";', "components never import server code"],
    ["components/ui/fixture.tsx", 'import fs from "node:fs";', "components run in the browser"],
    ["emulators/cloudflare/fixture.ts", 'import { createDohClient } from "../../lib/doh/client";', "emulators take only types from lib/"],
  ])("%s: %s", async (file, code, message) => {
    const errors = await layeringErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });
});

describe("right-way imports pass", () => {
  it.each([
    ["lib/externaldns/sources/fixture.ts", 'import { newEndpoint } from "../endpoint";'],
    ["lib/externaldns/provider/cloudflare/fixture.ts", 'import { normalizeHostname } from "../../hostname";'],
    ["lib/externaldns/fixture.ts", 'import { createHash } from "node:crypto";'],
    ["lib/externaldns/fixture.ts", 'import { isHostname } from "@/lib/externaldns/hostname";'],
    ["lib/drift/fixture.ts", 'import { planChanges } from "../externaldns/plan";'],
    ["lib/drift/fixture.ts", 'import type { DohAnswer } from "../doh/types";'],
    ["lib/drift/fixture.test.ts", 'import { loadRecordsFile } from "../cloudflare/records-file";'],
    ["lib/cloudflare/fixture.ts", 'import type { CloudflareReader } from "../server/ports";'],
    ["lib/server/fixture.ts", 'import { runPipeline } from "../drift/pipeline";'],
    ["lib/api/fixture.ts", 'import type { PlanDocument } from "../drift/plan-json";'],
    ["components/records/fixture.tsx", 'import type { StateResponse } from "@/lib/api/types";'],
    ["components/records/fixture.tsx", 'import { normalizeHostname } from "@/lib/externaldns/hostname";'],
    ["emulators/cloudflare/fixture.ts", 'import { EMBEDDED_EDGE_RANGES } from "../../lib/doh/cloudflare-edge";'],
    ["emulators/cloudflare/fixture.ts", 'import type { EdgeRanges } from "../../lib/doh/types";'],
  ])("%s: %s", async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
