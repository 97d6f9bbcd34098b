import { runCli } from "./cli";

/** `env`: what the launcher (bin/dnsdrift.cjs) read from the environment for the CLI. */
export async function main(argv: string[], env: { sourcesThread?: string } = {}): Promise<number> {
  const io = {
    sourcesThread: env.sourcesThread,
    stdout: (s: string) => process.stdout.write(s),
    stderr: (s: string) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
  };
  // lookup (and what-if with --resolver) talk to resolvers over the network, so they are asynchronous.
  // Loaded on demand: plan and explain need neither their DNS client nor their schemas.
  if (argv[0] === "lookup") return (await import("./lookup")).runLookup(argv, io);
  if (argv[0] === "what-if") return (await import("./what-if")).runWhatIf(argv, io);
  return runCli(argv, io);
}
