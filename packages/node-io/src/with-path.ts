/** The same error class with the file name in front of the message, the original as `cause`. */
export function withPath(path: string, err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const Ctor = err.constructor as new (message: string, options?: { cause?: unknown }) => Error;
  return new Ctor(`${path}: ${err.message}`, { cause: err });
}
