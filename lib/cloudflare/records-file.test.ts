import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../externaldns/errors";
import { parseRecordsDocument, recordsDocumentSchema, validRecordsDocument } from "./records-file";
import { wellFormedRecordsDocument } from "./records-fast-check";
import { zonesFromDocument } from "./records-document";

/** What zod makes of a value: the document (as JSON, so key order counts) or undefined. */
function viaZod(value: unknown): string | undefined {
  const parsed = recordsDocumentSchema.safeParse(value);
  return parsed.success ? JSON.stringify(parsed.data) : undefined;
}

const rec = (over: Record<string, unknown> = {}) => ({ type: "A", name: "a.example.com", content: "192.0.2.1", ...over });
const doc = (records: unknown[], zone: Record<string, unknown> = {}) => ({ zones: [{ id: "z1", name: "example.com", records, ...zone }] });

describe("records document: the direct check gives what zod gives", () => {
  const valid: Array<[string, unknown]> = [
    ["the minimum", doc([rec()])],
    ["every field", doc([rec({ id: "r1", proxied: true, ttl: 300, comment: "hi", tags: ["a:b"], priority: 10 })])],
    ["comment null", doc([rec({ comment: null })])],
    ["unknown fields kept, after the known ones", doc([{ zone_name: "example.com", content: "x", meta: { a: 1 }, name: "n", type: "TXT", id: "q" }])],
    ["zone without records", { zones: [{ name: "example.com" }] }],
    ["zone fields in another order, extra ones", { zones: [{ records: [rec()], plan: "free", name: "example.com", id: "z" }], result_info: {} }],
    ["ttl 0 and 1", doc([rec({ ttl: 0 }), rec({ ttl: 1 })])],
    ["no zones", { zones: [] }],
  ];
  it.each(valid)("%s", (_, value) => {
    const fast = wellFormedRecordsDocument(value);
    expect(fast).toBeDefined();
    expect(JSON.stringify(fast)).toBe(viaZod(value));
  });

  const invalid: Array<[string, unknown]> = [
    ["not an object", []],
    ["zones missing", {}],
    ["zones not a list", { zones: {} }],
    ["zone name empty", { zones: [{ name: "" }] }],
    ["records null", doc([], { records: null })],
    ["record type empty", doc([rec({ type: "" })])],
    ["record name missing", doc([{ type: "A", content: "x" }])],
    ["content a number", doc([rec({ content: 1 })])],
    ["ttl negative", doc([rec({ ttl: -1 })])],
    ["ttl fractional", doc([rec({ ttl: 1.5 })])],
    ["proxied a string", doc([rec({ proxied: "true" })])],
    ["tags with a number", doc([rec({ tags: ["a", 1] })])],
    ["priority fractional", doc([rec({ priority: 0.5 })])],
    ["id a number", doc([rec({ id: 7 })])],
  ];
  it.each(invalid)("%s: left to zod, which refuses it", (_, value) => {
    expect(wellFormedRecordsDocument(value)).toBeUndefined();
    expect(viaZod(value)).toBeUndefined();
  });

  it("zod still words the error, naming the field", () => {
    expect(() => validRecordsDocument(doc([rec(), rec({ ttl: -1 })]), "r.json")).toThrow(InputError);
    expect(() => validRecordsDocument(doc([rec(), rec({ ttl: -1 })]), "r.json")).toThrow(/^r\.json: zones\.0\.records\.1\.ttl: /);
  });

  it("agrees with zod on arbitrary records", () => {
    const field = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 400 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(fc.oneof(fc.string({ maxLength: 2 }), fc.integer())));
    let accepted = 0;
    const keys = ["id", "type", "name", "content", "proxied", "ttl", "comment", "tags", "priority", "other"];
    // A valid record with a few fields set at random: most stay valid, some break one rule.
    const base = fc.record({ type: fc.constantFrom("A", "TXT"), name: fc.constant("a.example.com"), content: fc.string({ maxLength: 3 }) });
    const record = fc.tuple(base, fc.dictionary(fc.constantFrom(...keys), field, { maxKeys: 3 })).map(([b, d]) => ({ ...b, ...d }));
    const zone = fc.record({ name: fc.oneof(fc.constant("example.com"), field), records: fc.array(record, { maxLength: 4 }) }, { requiredKeys: ["name"] });
    fc.assert(
      fc.property(fc.array(zone, { maxLength: 3 }), (zones) => {
        const value = JSON.parse(JSON.stringify({ zones }));
        const fast = wellFormedRecordsDocument(value);
        const zod = viaZod(value);
        if (fast !== undefined) {
          accepted++;
          expect(JSON.stringify(fast)).toBe(zod);
        } else if (zod !== undefined) expect.fail(`the direct check refused a document zod accepts: ${JSON.stringify(value)}`);
      }),
      { numRuns: 2000 },
    );
    // Both sides of the comparison were exercised.
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(1900);
  });

  it("reads the seed records the same either way", () => {
    const value = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples/seed/records.json"), "utf8"));
    expect(JSON.stringify(wellFormedRecordsDocument(value))).toBe(viaZod(value));
    expect(parseRecordsDocument(value, "records.json").length).toBeGreaterThan(0);
  });
});

describe("zones from a document: completing the records in place gives what copying gives", () => {
  const cases: Array<[string, unknown]> = [
    ["no id, ttl or proxied (filled in, after the record's own keys)", doc([rec(), rec({ name: "B.Example.COM." })], { id: undefined })],
    ["every field, in another order", doc([{ proxied: true, ttl: 300, content: "x", name: "a.example.com", id: "r1", type: "A", extra: 1 }])],
    ["unknown fields before the known ones", doc([{ zone_name: "example.com", type: "TXT", name: "t.example.com", content: "v" }])],
    ["two zones", { zones: [{ name: "example.com", records: [rec()] }, { name: "Example.ORG.", records: [rec({ name: "a.example.org" }), rec({ id: "x" })] }] }],
  ];
  it.each(cases)("%s", (_, value) => {
    const copied = zonesFromDocument(wellFormedRecordsDocument(value)!);
    const adopted = zonesFromDocument(wellFormedRecordsDocument(value)!, true);
    expect(JSON.stringify(adopted)).toBe(JSON.stringify(copied));
    expect(adopted[0].records.length).toBeGreaterThan(0);
  });
});
