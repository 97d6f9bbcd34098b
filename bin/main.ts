import { runCli } from "./cli";
import { runLookup } from "./lookup";

export async function main(argv: string[]): Promise<number> {
  const io = {
    stdout: (s: string) => process.stdout.write(s),
    stderr: (s: string) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
  };
  // lookup talks to resolvers over the network, so it is the one asynchronous command.
  if (argv[0] === "lookup") return runLookup(argv, io);
  return runCli(argv, io);
}
