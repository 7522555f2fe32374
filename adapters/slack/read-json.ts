/** Parses JSON text from a payload, or undefined when it is not JSON; the caller's schema then reports it. */
export function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON: the schema that checks the result says what was expected
  }
}
