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
 * POSTs one typed document to the CMS and returns its `data`. Throws `CmsError` when the response
 * has `errors` (the API reports refused arguments, expired preview tokens and cost limits that
 * way), and the underlying error when the CMS cannot be reached.
 *
 * Public responses are kept in Next's data cache for CMS_REVALIDATE_SECONDS (keyed by URL and
 * body) and tagged "cms" and "cms:<OperationName>"; preview responses are never cached.
 */
export async function fetchGraphQL<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  { preview = false, tags = [] }: FetchOptions = {},
): Promise<TResult> {
  const query = document.toString();
  const operationName = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "anonymous";

  const response = await fetch(CMS_GRAPHQL_URL, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables, operationName }),
    signal: AbortSignal.timeout(CMS_TIMEOUT_MS),
    ...(preview
      ? { cache: "no-store" as const }
      : { next: { revalidate: CMS_REVALIDATE_SECONDS, tags: ["cms", `cms:${operationName}`, ...tags] } }),
  });

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
