// The admin console's URLs, shared by its pages, links and server actions.

export const ROLES_PATH = "/admin/roles";
export const USERS_PATH = "/admin/users";
export const AUDIT_PATH = "/admin/audit";
export const EXPIRING_PATH = "/admin/expiring";
/** Every user page, as a route pattern for revalidatePath. */
export const EVERY_USER_PATH = "/admin/users/[id]";

export const rolePath = (name: string) => `${ROLES_PATH}/${encodeURIComponent(name)}`;
export const userPath = (id: string) => `${USERS_PATH}/${encodeURIComponent(id)}`;
/** A user's preview page; with the id of a preview the admin started, the preview itself. */
export const viewAsPath = (id: string, previewId?: string) =>
  `${userPath(id)}/view-as${previewId ? `?preview=${encodeURIComponent(previewId)}` : ""}`;
