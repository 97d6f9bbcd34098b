import { describe, expect, it } from "vitest";
import { parseServeArgs } from "./serve";

describe("parseServeArgs", () => {
  it.each([
    [[], {}, { dev: false, host: "127.0.0.1", port: 3000 }],
    [[], { HOST: "0.0.0.0", PORT: "8080" }, { dev: false, host: "0.0.0.0", port: 8080 }],
    [["--dev", "-H", "::1", "-p", "0"], { HOST: "0.0.0.0" }, { dev: true, host: "::1", port: 0 }],
    [["--hostname", "localhost", "--port", "4000"], { PORT: "1" }, { dev: false, host: "localhost", port: 4000 }],
  ])("%j with %j", (argv, env, opts) => {
    expect(parseServeArgs(argv, env)).toEqual(opts);
  });

  it.each([
    [["--hostname"], /--hostname needs a value/],
    [["--port", "http"], /the port must be 0–65535/],
    [["--port", "70000"], /the port must be 0–65535/],
    [["start"], /unknown argument "start"/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseServeArgs(argv, {})).toThrow(message);
  });
});
