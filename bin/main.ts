import { runCli } from "./cli";

export async function main(argv: string[]): Promise<number> {
  return runCli(argv, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
  });
}
