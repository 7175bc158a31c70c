// The access-request pages' URLs, shared by their pages, the links that lead to them and the server actions.
import type { Action, Resource, Scope } from "./catalog";

export const REQUEST_ACCESS_PATH = "/access/request";
export const MY_ACCESS_REQUESTS_PATH = "/access/requests";
export const ACCESS_REQUEST_QUEUE_PATH = "/admin/access-requests";

/** The request form, prefilled with exactly one permission (and its scope, for sales). */
export function requestAccessHref(resource: Resource, action: Action, scope?: Scope | null): string {
  const query = new URLSearchParams({ resource, action, ...(scope ? { scope } : {}) });
  return `${REQUEST_ACCESS_PATH}?${query}`;
}
