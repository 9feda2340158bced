import { revalidatePath } from "next/cache";
import type { ApiContext } from "./api.server";
import { findArticle } from "./articles.server";
import { getStore } from "./db";

/** The API's dependencies in the running app: the process's store, the clock, Next's cache. */
export const appContext: ApiContext = {
  store: getStore,
  now: () => Date.now(),
  revalidate: (path) => revalidatePath(path),
  findArticle,
};
