import { runCli } from "./cli";
import { runLookup } from "./lookup";
import { runWhatIf } from "./what-if";

export async function main(argv: string[]): Promise<number> {
  const io = {
    stdout: (s: string) => process.stdout.write(s),
    stderr: (s: string) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
  };
  // lookup (and what-if with --resolver) talk to resolvers over the network, so they are asynchronous.
  if (argv[0] === "lookup") return runLookup(argv, io);
  if (argv[0] === "what-if") return runWhatIf(argv, io);
  return runCli(argv, io);
}
