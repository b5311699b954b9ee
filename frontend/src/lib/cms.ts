import { createHash } from "node:crypto";

import type { TypedDocumentString } from "@/gql/graphql";

import { CMS_GRAPHQL_URL, CMS_REVALIDATE_SECONDS, CMS_TIMEOUT_MS } from "./config";

/** The API answered with `errors`, or not with GraphQL at all. `messages` are the API's own words. */
export class CmsError extends Error {
  readonly messages: string[];
  readonly status: number | undefined;

  constructor(messages: string[], status?: number) {
    super(messages.join(" "));
    this.name = "CmsError";
    this.messages = messages;
    this.status = status;
  }
}

export interface FetchOptions {
  /** A draft: never cached, by Next or anybody else. */
  preview?: boolean;
  /** Extra cache tags, for `revalidateTag()`; every public response also carries "cms". */
  tags?: string[];
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string }[];
}

/**
 * Sends one typed document to the CMS and returns its `data`. Throws `CmsError` when the response
 * has `errors` (the API reports refused arguments, expired preview tokens and cost limits that
 * way), and the underlying error when the CMS cannot be reached.
 *
 * A public query goes as a GET by its persisted-query hash (Apollo's protocol), so the CMS's
 * response cache and any HTTP cache in front of it answer it, and a long document never meets a
 * server's request-line limit; the first time the CMS does not know the hash, the document is
 * POSTed with it once, which registers it. Public responses are kept in Next's data cache for
 * CMS_REVALIDATE_SECONDS and tagged "cms" and "cms:<OperationName>"; previews are POSTed and
 * never cached.
 */
export async function fetchGraphQL<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  { preview = false, tags = [] }: FetchOptions = {},
): Promise<TResult> {
  const query = document.toString();
  const named = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
  const operationName = named ?? "anonymous";
  const cache = preview
    ? { cache: "no-store" as const }
    : { next: { revalidate: CMS_REVALIDATE_SECONDS, tags: ["cms", `cms:${operationName}`, ...tags] } };
  const post = (extensions?: object) =>
    fetch(CMS_GRAPHQL_URL, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables, operationName, extensions }),
      signal: AbortSignal.timeout(CMS_TIMEOUT_MS),
      ...cache,
    });

  let response: Response;
  if (preview) {
    response = await post();
  } else {
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") } };
    const byHash = new URL(CMS_GRAPHQL_URL);
    if (named) byHash.searchParams.set("operationName", named);
    byHash.searchParams.set("variables", JSON.stringify(variables ?? {}));
    byHash.searchParams.set("extensions", JSON.stringify(extensions));
    // graphql-response+json makes an unknown hash a 400, which Next's data cache never keeps.
    response = await fetch(byHash, {
      headers: { accept: "application/graphql-response+json" },
      signal: AbortSignal.timeout(CMS_TIMEOUT_MS),
      ...cache,
    });
    if (response.status === 400 && (await unknownHash(response.clone()))) {
      response = await post(extensions);
    }
  }

  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new CmsError(
      [`The CMS answered ${operationName} with HTTP ${response.status} and no GraphQL response.`],
      response.status,
    );
  }
  if (body.errors?.length) {
    throw new CmsError(
      body.errors.map((error) => error.message),
      response.status,
    );
  }
  if (body.data == null) {
    throw new CmsError([`The CMS answered ${operationName} without data.`], response.status);
  }
  return body.data;
}

/** Whether the CMS answered that it does not know the persisted query's hash (yet). */
async function unknownHash(response: Response): Promise<boolean> {
  try {
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return body.errors?.some((error) => error.extensions?.code === "PERSISTED_QUERY_NOT_FOUND") ?? false;
  } catch {
    return false;
  }
}
