// Markup written as text, for the few places where React's element tree costs more than it gives
// (the sales list's rows). Every interpolated value is escaped unless it is Markup made by
// `markup`, so text from the database can never become a tag or break out of an attribute.

/** Text that is safe to place in a page as markup. Only `markup` makes it: a raw string cannot pass. */
export interface Markup {
  readonly html: string;
}

const genuine = new WeakSet<Markup>();

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as it must be written inside an element or a quoted attribute to read as itself. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

type Interpolation = string | number | Markup | readonly Markup[] | false | null | undefined;

function isMarkup(value: unknown): value is Markup {
  return typeof value === "object" && value !== null && genuine.has(value as Markup);
}

function written(value: Interpolation): string {
  if (value === false || value === null || value === undefined) return "";
  if (isMarkup(value)) return value.html;
  if (Array.isArray(value)) return value.map((part: unknown) => (isMarkup(part) ? part.html : "")).join("");
  return escapeHtml(String(value));
}

/**
 * A template of markup: markup`<td title="${name}">${name}</td>`. Strings and numbers are escaped;
 * Markup (and lists of it) goes in as it is; false, null and undefined write nothing. Attribute
 * values must be quoted in the template.
 */
export function markup(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let text = strings[0] ?? "";
  values.forEach((value, index) => {
    text += written(value) + (strings[index + 1] ?? "");
  });
  const result = Object.freeze({ html: text });
  genuine.add(result);
  return result;
}
