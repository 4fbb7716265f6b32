// Reading posted forms and collecting field errors the way the pages show them.

export type FieldErrors = Record<string, string>;

/** The posted form (urlencoded or multipart), or undefined for a GET. */
export async function postedForm(request: Request): Promise<FormData | undefined> {
  if (request.method !== "POST") return undefined;
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

/** A text field's value, trimmed; "" when missing or a file. */
export function text(form: FormData | undefined, name: string): string {
  const value = form?.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** The field errors in page order, for the error summary. */
export function summaryOf(errors: FieldErrors, order: readonly string[]): { field: string; message: string }[] {
  const named = order.filter((field) => errors[field]).map((field) => ({ field, message: errors[field] ?? "" }));
  const rest = Object.keys(errors)
    .filter((field) => !order.includes(field))
    .map((field) => ({ field, message: errors[field] ?? "" }));
  return [...named, ...rest];
}

/** A plain check of an email's shape; the API has the final word. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
