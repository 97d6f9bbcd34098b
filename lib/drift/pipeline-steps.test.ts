// The pipeline and the record rows in steps: a server runs them between requests, so the work
// must pause (yield) every thousand routes and every two thousand records, not only between
// stages, and the stepped run must give exactly the result of the run at once.

import { describe, expect, it } from "vitest";
import { parseConfigText } from "../externaldns/config";
import { runSourcesSteps, runSources } from "../externaldns/source-chain";
import { cluster, route, routeKinds } from "../externaldns/sources/gateway.testkit";
import type { CloudflareRecord, CloudflareZone } from "../externaldns/types";
import { buildHostIndex, buildHostIndexSteps } from "./host-index";
import { pipelineSteps, runPipeline } from "./pipeline";
import { recordViews, recordViewsSteps } from "./record-states";

const ARGS = ["--provider=cloudflare", "--policy=sync", "--registry=txt", "--txt-owner-id=default", "--domain-filter=example.com", "--source=gateway-httproute", "--source=ingress"];
const config = parseConfigText(ARGS.map((a) => `- ${a}`).join("\n"), "args.yaml", { version: "v0.21.0" });
const kinds = routeKinds();
const ROUTES = 2500;
const routes = Array.from({ length: ROUTES }, (_, i) => route("apps", `r${i}`, { hostnames: [`r${i}.example.com`], parents: kinds.parent("web") }));
const objects = cluster({ gateways: [kinds.gw], routes });
// Half the routes published with their ownership TXTs, plus records nobody owns: 4,500 records.
const records: CloudflareRecord[] = [];
for (let i = 0; i < ROUTES; i += 2) {
  records.push({ id: `a${i}`, type: "A", name: `r${i}.example.com`, content: "10.0.0.1", proxied: false, ttl: 1 });
  records.push({ id: `t${i}`, type: "TXT", name: `a-r${i}.example.com`, content: `"heritage=external-dns,external-dns/owner=default,external-dns/resource=httproute/apps/r${i}"`, proxied: false, ttl: 1 });
}
for (let i = 0; i < 2000; i++) records.push({ id: `u${i}`, type: "A", name: `hand${i}.example.com`, content: "10.0.0.2", proxied: false, ttl: 1 });
const zones: CloudflareZone[] = [{ id: "z1", name: "example.com", records }];

function drain<T>(steps: Generator<void, T>): { pauses: number; value: T } {
  let pauses = 0;
  for (let r = steps.next(); ; r = steps.next(), pauses++) if (r.done) return { pauses, value: r.value };
}

describe("work in steps", () => {
  it("pauses inside a route source every thousand routes, and between sources", () => {
    const { pauses, value } = drain(runSourcesSteps(objects, config));
    // gateway-httproute: after routes 1,000 and 2,000, then after the source; ingress: after it;
    // then after de-duplicating the endpoints and after filtering their targets.
    expect(pauses).toBe(6);
    expect(value).toEqual(runSources(objects, config));
    expect(value.endpoints).toHaveLength(ROUTES);
  });

  it("pauses while classifying records every two thousand records", () => {
    const result = runPipeline({ config, objects, zones });
    const { pauses, value } = drain(recordViewsSteps(result, buildHostIndex(result)));
    // After the lookups are indexed, then after records 2,000 and 4,000 of 4,500.
    expect(pauses).toBe(3);
    expect(value).toEqual(recordViews(result, buildHostIndex(result)));
    expect(value.filter((r) => r.state === "missing")).toHaveLength(ROUTES / 2);
  });

  it("runs the pipeline with those pauses and the same result", () => {
    const { pauses, value } = drain(pipelineSteps({ config, objects, zones }));
    // Between the stages (7) and inside the sources (6). Reading the records: after item 5,000 of
    // the 4,500 records and their 4,500 groups, and in the registry after item 5,000 of the 4,500
    // records and 3,250 non-TXT records. Planning (6): after item 5,000 of the 3,250 current and
    // 2,500 desired endpoints, before sorting the rows, after the rows are built, after names
    // 2,000 and 4,000 of the 4,500, and after the last. Stages below 5,000 items do not pause.
    expect(pauses).toBe(21);
    const once = runPipeline({ config, objects, zones });
    expect(JSON.stringify([value.desired, value.recordChanges, value.reasons, value.summary])).toBe(JSON.stringify([once.desired, once.recordChanges, once.reasons, once.summary]));
  });
});

describe("the host index in steps", () => {
  it("pauses between its lists and every five thousand items, with the same index", () => {
    const result = runPipeline({ config, objects, zones });
    const { pauses, value } = drain(buildHostIndexSteps(result));
    // Five pauses between the lists, and one per 5,000 items of the large lists together
    // (reasons, the registry's records, the zones' records).
    const items = result.reasons.length + result.registry.records.length + records.length;
    expect(items).toBeGreaterThan(10_000);
    expect(pauses).toBe(5 + Math.floor(items / 5000));
    expect(value).toEqual(buildHostIndex(result));
    expect(value.hostnames.size).toBeGreaterThan(ROUTES);
  });
});
