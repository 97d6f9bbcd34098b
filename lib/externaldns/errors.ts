// Errors about the user's input files. They name the file and the object inside it, so the CLI
// can print them as they are and the user knows where to look.

export class InputError extends Error {
  constructor(
    public file: string,
    /** What is wrong, without the location, e.g. "expected a string, got a number". */
    public detail: string,
    /** Where inside the file, e.g. "extraArgs[2]"; absent when it concerns the whole file. */
    public object?: string,
  ) {
    super(object ? `${file}: ${object}: ${detail}` : `${file}: ${detail}`);
    this.name = "InputError";
  }
}
