import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argsFromYamlList } from "./config-text";
import { parseHelmYaml } from "./helm-yaml";

/** What the YAML reader makes of the text, when that is a list of strings. */
function viaYaml(text: string): string[] | undefined {
  try {
    const v = parseHelmYaml(text, "args.yaml");
    return Array.isArray(v) && v.length > 0 && v.every((a) => typeof a === "string") ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

describe("argsFromYamlList: a YAML list of simple strings, read without the YAML reader", () => {
  it.each([
    ["plain flags", "- --provider=cloudflare\n- --source=ingress\n"],
    ["quoted flags (as the bench writes them)", "- '--provider=cloudflare'\n- \"--txt-prefix=k8s.\"\n"],
    ["comment lines and blank lines", "# external-dns args\n\n- --policy=sync\n  # indented comment\n- --registry=txt"],
    ["values with commas, colons, slashes and equals signs", "- --domain-filter=a.example.com,b.example.com\n- --label-filter=app.kubernetes.io/name=x\n- --cloudflare-x=https://h:8080/p"],
    ["a quoted value that is not a flag", "- --txt-owner-id\n- 'true'\n- \"123\"\n- ''"],
    ["several spaces after the dash", "-    --policy=sync"],
  ])("%s: the same list as the YAML reader", (_, text) => {
    const fast = argsFromYamlList(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(viaYaml(text));
  });

  it.each([
    ["a mapping (Helm values)", "provider: cloudflare\n"],
    ["a plain word (YAML decides: true, null, a number …)", "- --policy\n- true\n"],
    ["a comment after an item", "- --policy=sync # the default\n"],
    ["a flag ending in a colon (a mapping key)", "- --policy:\n"],
    ["an escape in double quotes", '- "--a=\\t"\n'],
    ["a doubled quote in single quotes", "- '--a=it''s'\n"],
    ["an indented list", "  - --policy=sync\n"],
    ["a document marker", "---\n- --policy=sync\n"],
    ["an anchor", "- &a --policy=sync\n"],
    ["CRLF line ends", "- --policy=sync\r\n"],
    ["a tab", "-\t--policy=sync\n"],
    ["an empty item", "-\n- --policy=sync\n"],
    ["no items at all", "# nothing\n"],
    ["a flow list", "[--policy=sync]\n"],
  ])("%s: left to the YAML reader", (_, text) => {
    expect(argsFromYamlList(text)).toBeUndefined();
  });

  it("never disagrees with the YAML reader on arbitrary lists", () => {
    const chars = fc.constantFrom(..."-aZ09._=/,:+@~%#'\" &*!|>[]{}\\".split(""));
    const item = fc.tuple(fc.constantFrom("", "--", "'", '"', "'--", '"--'), fc.array(chars, { maxLength: 8 }), fc.constantFrom("", "'", '"', " ", " #c"));
    // Mostly items close to the accepted forms, so that both outcomes are exercised.
    const near = fc.tuple(fc.constantFrom("--", "'--", "'", '"'), fc.array(fc.constantFrom(..."aZ09._=/,:+@~%-#' ".split("")), { maxLength: 8 }));
    const line = fc.oneof(
      { weight: 4, arbitrary: item.map(([a, b, c]) => `- ${a}${b.join("")}${c}`) },
      { weight: 6, arbitrary: near.map(([a, b]) => `- ${a}${b.join("")}${a.startsWith("'") ? "'" : a === '"' ? '"' : ""}`) },
      { weight: 1, arbitrary: fc.constantFrom("", "# c", "  # c", "  - --x", "x: y", "-") },
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
        const text = lines.join("\n");
        const fast = argsFromYamlList(text);
        if (fast === undefined) return;
        accepted++;
        expect(fast).toEqual(viaYaml(text));
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100); // the comparison was exercised
  });
});
