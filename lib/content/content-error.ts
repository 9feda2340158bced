/**
 * A problem with an article that must stop the build. The message always starts with the file
 * (relative to the project), then the field or element, then the reason, so a failing `next build`
 * points straight at what to fix.
 */
export class ContentError extends Error {
  readonly file: string;
  readonly field: string;
  readonly reason: string;

  constructor(file: string, field: string, reason: string, line?: number) {
    const where = line ? `${file}:${line}` : file;
    super(`${where}: ${field}: ${reason}`);
    this.name = "ContentError";
    this.file = file;
    this.field = field;
    this.reason = reason;
  }
}
