// Helm's `tpl` as the external-dns chart applies it to extraArgs and the provider name.
import { describe, expect, it } from "vitest";
import { goPrint, renderTpl, truthy } from "./helm-tpl";

const values = { txtOwnerId: "blue", nested: { n: 1000000 }, list: ["a", 1], map: { b: 1, a: null } };

describe("renderTpl", () => {
  it.each<[string, string]>([
    ["--fqdn-template={{ `{{ .Name }}.example.com` }}", "--fqdn-template={{ .Name }}.example.com"],
    ["--fqdn-template={{`{{.Name}}.{{.Namespace}}.example.com`}}", "--fqdn-template={{.Name}}.{{.Namespace}}.example.com"],
    ['--label-filter={{ "a=b" }}', "--label-filter=a=b"],
    ["--txt-prefix={{ .Values.txtOwnerId }}.", "--txt-prefix=blue."],
    ["--x={{ .Values.nested.n }}", "--x=1e+06"],
    ["--x={{ .Values.missing.key }}", "--x="],
    ["a {{- ` b ` -}} c", "a b c"],
    ["a {{/* a comment */}}b", "a b"],
    ["plain", "plain"],
  ])("%s → %s", (text, expected) => {
    expect(renderTpl(text, values)).toEqual({ ok: true, text: expected });
  });

  it.each(["{{ .Release.Name }}", "{{ .Chart.AppVersion }}", "{{ .Values.txtOwnerId | upper }}", "{{ include \"x\" . }}"])("%s is not evaluated", (text) => {
    expect(renderTpl(text, values)).toMatchObject({ ok: false, unknown: expect.any(String) });
  });

  it(".Release.Namespace when it is given", () => {
    expect(renderTpl("ns={{ .Release.Namespace }}", values, "dns")).toEqual({ ok: true, text: "ns=dns" });
  });

  it("an unclosed action is an error, as helm fails to parse it", () => {
    expect(renderTpl("--x={{ .Values.a", values)).toMatchObject({ ok: false, error: expect.stringMatching(/unclosed action/) });
  });
});

describe("goPrint and truthy (Go template printing and truth)", () => {
  it.each<[unknown, string]>([
    [null, ""],
    [true, "true"],
    [1.5, "1.5"],
    [["a", 1, null], "[a 1 <nil>]"],
    [{ b: 1, a: null }, "map[a:<nil> b:1]"],
  ])("%j prints %s", (v, printed) => expect(goPrint(v as never)).toBe(printed));

  it.each<[unknown, boolean]>([
    [false, false],
    [0, false],
    ["", false],
    [[], false],
    [{}, false],
    [null, false],
    ["x", true],
    [[0], true],
  ])("%j is %s", (v, t) => expect(truthy(v as never)).toBe(t));
});
